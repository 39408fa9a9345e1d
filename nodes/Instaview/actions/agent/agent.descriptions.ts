import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import { simplifyFieldFor } from '../listFields';

export const agentIdField: INodeProperties = idLocator({
	name: 'agentId',
	displayName: 'Agent',
	searchListMethod: 'searchAgents',
	description: 'The agent (interview template), picked from the list or given by its InstaView ID',
});

export const agentSimplifyField = simplifyFieldFor('name, type (online or phone), focus, language, duration in minutes, CEFR level, number of questions');
