import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildUsageRange, simplifyCompanyUsage, simplifyUsage, usageCompanies, type UsageRange } from '../../helpers/billing';
import { showOnlyFor } from '../../helpers/displayOptions';
import { instaviewApiRequest, isDataObject } from '../../transport';
import { simplifyFieldFor } from '../listFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		noDataExpression: true,
		default: 'last30Days',
		options: [
			{ name: 'Last 30 Days', value: 'last30Days', description: 'InstaView\'s default: the 30 days up to now' },
			{ name: 'Custom', value: 'custom', description: 'From a start date to an end date (or now)' },
		],
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		displayOptions: { show: { period: ['custom'] } },
		description: 'First moment counted. A time without an offset is read in the workflow\'s timezone.',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { period: ['custom'] } },
		description: 'Last moment counted; empty means now. A date without a time counts that whole day.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'summary',
		options: [
			{ name: 'One Summary Item', value: 'summary', description: 'The totals over every company the key covers' },
			{ name: 'One Item per Company', value: 'perCompany', description: 'For ATS keys managing several companies: each company\'s usage as its own item' },
		],
	},
	simplifyFieldFor('interviews, minutes or credits used, and both per cost key (e.g. interview_minutes)'),
];

export const description = showOnlyFor({ resource: ['billing'], operation: ['getUsage'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const period = this.getNodeParameter('period', i, 'last30Days') as string;
	const range: UsageRange =
		period === 'custom'
			? buildUsageRange(this.getNodeParameter('start', i, ''), this.getNodeParameter('end', i, ''), Date.now(), this.getTimezone())
			: {};
	const output = this.getNodeParameter('output', i, 'summary') as string;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	// InstaView refuses companyId here: an ATS key always gets every company it manages.
	const usage = await instaviewApiRequest.call(this, { method: 'GET', path: '/billing/usage', qs: { ...range }, itemIndex: i, omitCompanyId: true });
	const periodFields = { periodStart: range.start ?? null, periodEnd: range.end ?? null };
	if (output === 'perCompany') {
		return usageCompanies(usage).map((company) => ({ json: { ...(simplify ? simplifyCompanyUsage(company) : company), ...periodFields } }));
	}
	const summary = simplify ? simplifyUsage(usage) : isDataObject(usage) ? usage : {};
	return [{ json: { ...summary, ...periodFields } }];
}
