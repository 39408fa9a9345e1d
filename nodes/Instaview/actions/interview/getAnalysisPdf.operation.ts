import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadAnalysisPdf } from '../../helpers/analysisPdf';
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
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const property = asText(this.getNodeParameter('binaryPropertyName', i, 'data'));
	if (!property) {
		throw new InvalidFieldError('Put Output File in Field', 'is empty', 'Enter a field name such as data.');
	}
	const { binary, fileName, fileSize } = await downloadAnalysisPdf(this, id, { itemIndex: i });
	const json: IDataObject = { interviewId: id, fileName, fileSize };
	return [{ json, binary: { [property]: binary } }];
}
