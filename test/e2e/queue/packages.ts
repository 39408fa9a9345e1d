/**
 * Part of "installed the way users install it": n8n's own installer (Settings → Community Nodes)
 * against a custom registry, and an update of the package from the registry in every process.
 */
import assert from 'node:assert/strict';

import { DEMO_API_KEY } from '../../emulator';
import { PACKAGE_NAME, rest } from '../lib/stack';
import { DEMO_CREDENTIAL } from '../lib/workflows';
import { checkGetManyOnWorker } from './create';
import { restartN8nProcess } from './lib/cluster';
import { staticDataOf, type Ctx } from './lib/context';
import { pass } from './lib/report';
import { installedVersion, installFromRegistry, nextPatch, publish, withVersion } from './lib/registry';
import { RENAMED_TRIGGER_NODE } from './lib/workflows';
import { completeAnalyses, expectEmitted, type Analyses } from './trigger';

/**
 * Settings → Community Nodes (POST /rest/community-packages) with N8N_COMMUNITY_PACKAGES_REGISTRY
 * set: n8n 2.41.1 only reads another registry with an Enterprise licence (feature
 * feat:communityNodesCustomRegistry). Without one it refuses before any download, whatever the
 * package; this pins that behaviour so the README says the truth, and so a change is noticed.
 */
export async function checkInstaller(ctx: Ctx): Promise<void> {
	const error = await rest(ctx.main, 'POST', '/community-packages', { name: PACKAGE_NAME }).then(
		() => undefined,
		(e: Error) => e.message,
	);
	assert.ok(error, 'the installer accepted a custom registry: update README "Scaling" and install through it');
	assert.match(error, /communityNodesCustomRegistry|licen[cs]e/i, error);
	const listed = await rest<unknown[]>(ctx.main, 'GET', '/community-packages');
	assert.equal(listed.length, 0);
	pass(`n8n's installer with a custom registry answers "${error.replace(/^n8n POST \/rest\/community-packages -> /, '').slice(0, 140)}" (licensed feature)`);
}

export async function checkUpdate(ctx: Ctx, a: Analyses): Promise<void> {
	const stateBefore = await staticDataOf(ctx, RENAMED_TRIGGER_NODE);
	assert.ok(stateBefore, 'no trigger state before the update');
	const next = nextPatch(ctx.version);
	const published = await publish(ctx.tc, ctx.registry, await withVersion(ctx.tgz, next, ctx.runDir));
	assert.equal(published, next);
	const all = [ctx.cluster.main, ...ctx.cluster.workers];
	await Promise.all(all.map((p) => installFromRegistry(ctx.tc, ctx.registry, p.n8n.userFolder, next)));
	// n8n loads community packages at start: every process is restarted (jobs wait in Redis meanwhile)
	await Promise.all(all.map((p) => restartN8nProcess(p)));
	for (const p of all) assert.equal(installedVersion(p.n8n.userFolder), next, `${p.name} has ${installedVersion(p.n8n.userFolder)}`);
	pass(`${PACKAGE_NAME}@${next} published, installed from the registry in every process, all restarted`);
	const test = await rest<{ status: string; message: string }>(ctx.main, 'POST', '/credentials/test', {
		credentials: { ...DEMO_CREDENTIAL, type: 'instaviewApi', data: { apiKey: DEMO_API_KEY, baseUrl: ctx.emu.url, companyId: '' } },
	});
	assert.equal(test.status, 'OK', JSON.stringify(test));
	await checkGetManyOnWorker(ctx, `after the update to ${next}`);
	const ids = await completeAnalyses(ctx, a, 4);
	await expectEmitted(ctx, a, ids, `batch after the update to ${next}`);
	assert.equal((await staticDataOf(ctx, RENAMED_TRIGGER_NODE))?.seededAt, stateBefore.seededAt, 'the trigger seeded again after the update');
	pass(`after the update: credential test OK, the stored credential decrypts on a worker, the trigger went on from its state (4 new analyses once each)`);
}
