import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { PeopleDirectory } from '../trigger/output/people';

/**
 * What the items of one execute() call share (caches must not outlive it: in queue mode the
 * next execution may run on another worker, and data may have changed in between).
 */
export interface ExecutionRun {
	/** Candidates and jobs read so far in this execution, each at most once. */
	people: PeopleDirectory;
}

/** One operation file (`<name>.operation.ts`): its fields and what it does for item `i`. */
export interface OperationDefinition {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, i: number, run: ExecutionRun): Promise<INodeExecutionData[]>;
}

/** One resource folder's `<Name>.resource.ts`: its label, its operations and all their fields. */
export interface ResourceDefinition {
	displayName: string;
	operations: Record<string, OperationDefinition>;
	/** The Operation field (shown for this resource only) followed by every operation's fields. */
	description: INodeProperties[];
}
