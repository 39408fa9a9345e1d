import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../descriptions/common';
import { simplifyFieldFor } from '../listFields';

export const agentIdField: INodeProperties = resourceLocator('agent', 'The agent (interview template), picked from the list or given by its InstaView ID');

export const agentSimplifyField = simplifyFieldFor('name, type (online or phone), focus, language, duration in minutes, CEFR level, number of questions');
