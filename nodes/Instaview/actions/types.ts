import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation file (`<name>.operation.ts`): its fields and what it does for item `i`. */
export interface OperationDefinition {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]>;
}

/** One resource folder's `<Name>.resource.ts`: its label, its operations and all their fields. */
export interface ResourceDefinition {
	displayName: string;
	operations: Record<string, OperationDefinition>;
	/** The Operation field (shown for this resource only) followed by every operation's fields. */
	description: INodeProperties[];
}
