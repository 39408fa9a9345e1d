import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class InstaviewApi implements ICredentialType {
	name = 'instaviewApi';

	displayName = 'InstaView API';

	icon: Icon = { light: 'file:instaview.svg', dark: 'file:instaview.dark.svg' };

	documentationUrl = 'https://docs.instaview.sk/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Key created in the InstaView dashboard under Settings → API Keys (starts with sk_). The Interview operations need the scopes read:interviews, write:interviews, delete:interviews, read:candidates, read:agents and read:jobs.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.instaview.sk',
			description:
				'Root of the InstaView API. Change it only if InstaView gave you another address (for example one ending in /v1).',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
			description:
				'Only for ATS integration keys, which manage several companies: the company to act for. Leave empty for a regular company key.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// A one-item candidates list: cheap and read-only. It proves the key is valid and has
	// read:candidates (which every Interview operation needs); it cannot prove write or delete
	// scopes without changing data, so a passing test does not mean every operation will work.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '={{"/candidates?page=1&limit=1" + ($credentials.companyId ? "&companyId=" + $credentials.companyId.trim() : "")}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'InstaView did not accept the API key: it is mistyped, revoked, expired or suspended. Copy the key again or create a new one under Settings → API Keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is valid but lacks the scope read:candidates (or, for an ATS integration key, the Company ID is not a company it manages). Add the scope under Settings → API Keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The Base URL does not lead to the InstaView API. Use https://api.instaview.sk unless InstaView gave you another.',
				},
			},
		],
	};
}
