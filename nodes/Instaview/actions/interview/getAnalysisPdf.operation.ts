import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { analysisPdfFileName, downloadAnalysisPdf } from '../../helpers/analysisPdf';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InvalidFieldError } from '../../helpers/InvalidFieldError';
import { asText, requireUuid } from '../../helpers/validation';
import { interviewIdField } from './interview.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['getAnalysisPdf'] }, [
	interviewIdField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
	},
	{
		displayName: 'Keep Input Fields',
		name: 'keepInputFields',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep the JSON of the incoming item (e.g. the interview from Get, or your ATS references) next to the PDF, instead of only the file name and size',
	},
]);

/** n8n's tool variant of a node is its type name with "Tool" appended. */
const isToolCall = (context: IExecuteFunctions) => context.getNode().type.endsWith('Tool');

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	if (isToolCall(this)) {
		// Hidden from tool use (the operation is binary only); a workflow that still has it
		// gets JSON an AI agent can read instead of a PDF it cannot.
		return [
			{
				json: {
					interviewId: id,
					fileName: analysisPdfFileName(id),
					note: 'The analysis PDF is a file, which an AI agent cannot read. Use the Get operation for the analysis as JSON.',
				},
			},
		];
	}
	const property = asText(this.getNodeParameter('binaryPropertyName', i, 'data'));
	if (!property) {
		throw new InvalidFieldError('Put Output File in Field', 'is empty', 'Enter a field name such as data.');
	}
	const { binary, fileName, fileSize } = await downloadAnalysisPdf(this, id, { itemIndex: i });
	const keep = this.getNodeParameter('keepInputFields', i, false) as boolean;
	const input = keep ? (this.getInputData()[i]?.json ?? {}) : {};
	const json: IDataObject = { ...input, interviewId: id, fileName, fileSize };
	return [{ json, binary: { [property]: binary } }];
}
