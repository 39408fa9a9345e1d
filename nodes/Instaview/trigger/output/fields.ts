import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import type { AnalysisFilter } from './analysis';
import type { OutputOptions } from './item';

/** The fields every InstaView trigger offers: which analyses, and how its items look. */
export const eventField: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Analysis Completed', value: 'analysisCompleted', description: 'An interview analysis finished successfully' },
		{
			name: 'Analysis Completed or Failed',
			value: 'analysisCompletedOrFailed',
			description: 'An interview analysis finished, successfully or not',
		},
	],
	default: 'analysisCompleted',
};

/** Options of the "Options" collection. */
export const agentOption: INodeProperties = idLocator({
	name: 'agentId',
	displayName: 'Agent',
	searchListMethod: 'searchAgents',
	description: 'Only analyses of interviews held by this agent',
	required: false,
});

export const downloadPdfOption: INodeProperties = {
	displayName: 'Download PDF',
	name: 'downloadPdf',
	type: 'boolean',
	default: false,
	description: 'Whether to add the analysis report as a PDF file (binary data) to each completed analysis',
};

export const minRatingOption: INodeProperties = {
	displayName: 'Minimum Overall Rating',
	name: 'minRating',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100 },
	default: 0,
	description: 'Only completed analyses rated at least this (0–100). Failed analyses have no rating and are not affected.',
};

export const pdfFieldOption: INodeProperties = {
	displayName: 'Put PDF in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the PDF in',
	displayOptions: { show: { downloadPdf: [true] } },
};

/** A resource locator's value whether n8n hands over the locator object or the plain value. */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value ?? '').trim();
	return typeof value === 'string' ? value.trim() : '';
}

/** The event field's value and the "Options" collection, read into a filter. */
export function readAnalysisFilter(event: unknown, options: IDataObject): AnalysisFilter {
	return {
		event: event === 'analysisCompletedOrFailed' ? 'analysisCompletedOrFailed' : 'analysisCompleted',
		agentId: locatorValue(options.agentId) || undefined,
		minRating: Math.max(0, Number(options.minRating ?? 0) || 0),
	};
}

/** The "Options" collection read into output options (Simplify and details are on unless turned off). */
export function readOutputOptions(options: IDataObject): OutputOptions {
	return {
		simplify: options.simplify !== false,
		addDetails: options.addDetails !== false,
		downloadPdf: options.downloadPdf === true,
		binaryProperty: typeof options.binaryPropertyName === 'string' && options.binaryPropertyName ? options.binaryPropertyName : 'data',
	};
}
