/** /agents: list, get, create (+ /phone-numbers list, needed to create PHONE agents). */
import {
	allowQuery, bodyObject, companyFor, ok, paged, pathId, requireScopes, sameCompany,
	type Ctx, type Reply, type Route,
} from '../http';
import { agentJson } from '../serialize';
import type { AgentFocus, AgentType } from '../types';
import { compareNewestFirst, notFound, validationError, type FieldError } from '../util';
import { validateAgent } from '../validation';

function list(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:agents');
	allowQuery(ctx, ['page', 'limit', 'companyId']);
	const company = companyFor(ctx, 'list');
	const all = ctx.state.sortedAgents().filter((a) => !a.deletedAt && a.companyId === company);
	return paged(ctx, all, agentJson);
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:agents');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const id = pathId(ctx);
	const a = ctx.state.agents.get(id);
	if (!a || a.deletedAt) throw notFound('Agent', id);
	sameCompany(company, a, 'Agent', id);
	return ok(ctx, agentJson(a));
}

function create(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:agents');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	const input = validateAgent(errs, body, '');
	if (errs.length) throw validationError(errs);
	if (input.companyPhoneNumberId) {
		const p = ctx.state.phoneNumbers.get(input.companyPhoneNumberId);
		if (!p || p.companyId !== company) throw notFound('PhoneNumber', input.companyPhoneNumberId);
	}
	const a = ctx.state.createAgent({
		companyId: company,
		name: input.name!,
		type: input.type as AgentType,
		focus: input.focus as AgentFocus,
		language: input.language!,
		duration: input.duration!,
		questions: input.questions ?? [],
		instructions: input.instructions ?? null,
		voiceId: input.voiceId ?? null,
		cefrLevel: input.cefrLevel ?? null,
		companyPhoneNumberId: input.companyPhoneNumberId ?? null,
		metadata: input.metadata ?? null,
	});
	return ok(ctx, agentJson(a), 201);
}

function phoneNumbers(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:companies');
	allowQuery(ctx, ['page', 'limit', 'companyId']);
	const company = companyFor(ctx, 'list');
	const all = [...ctx.state.phoneNumbers.values()].filter((p) => p.companyId === company).sort(compareNewestFirst);
	return paged(ctx, all, (p) => ({
		...p, capabilities: ['OUTBOUND'], custom: false, provider: 'TWILIO', status: 'AVAILABLE', numberType: 'LOCAL', location: 'Bratislava, SK',
	}));
}

export const agentRoutes: Route[] = [
	{ method: 'GET', path: '/agents', handler: list },
	{ method: 'POST', path: '/agents', handler: create },
	{ method: 'GET', path: '/agents/:id', handler: get },
	{ method: 'GET', path: '/phone-numbers', handler: phoneNumbers },
];
