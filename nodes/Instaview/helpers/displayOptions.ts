import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Adds the same `displayOptions.show` to every property, so each operation file declares its
 * fields once without repeating when they apply (n8n-nodes-base has this helper, but does not
 * export it to community packages in the versions we support).
 */
export function showOnlyFor(show: NonNullable<IDisplayOptions['show']>, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, ...(property.displayOptions?.show ?? {}) },
		},
	}));
}
