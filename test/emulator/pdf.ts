/** Builds a tiny but structurally valid one-page PDF (correct xref offsets). */
import type { EmulatorState } from './store';
import type { Interview } from './types';

function esc(s: string): string {
	return s.replace(/[^\x20-\x7e]/g, '?').replace(/([()\\])/g, '\\$1');
}

export function buildAnalysisPdf(lines: string[]): Buffer {
	const text = lines
		.map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 50 ${780 - i * 22} Td (${esc(l)}) Tj ET`)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** The analysis report of an interview (served by GET /interviews/{id}/analysis-pdf and sent with analysis.completed). */
export function interviewAnalysisPdf(state: EmulatorState, iv: Interview): Buffer {
	const a = iv.analysis;
	const c = state.candidates.get(iv.candidateId);
	return buildAnalysisPdf([
		'InstaView interview analysis',
		`Candidate: ${c ? `${c.firstName} ${c.lastName}` : iv.candidateId}`,
		`Interview: ${iv.id}`,
		`Overall rating: ${a?.general.overallRating ?? null}`,
		`Company fit: ${a?.general.companyFitRating ?? 'UNDEFINED'}`,
		...(a?.general.strongPoints ?? []).map((s) => `+ ${s}`),
		...(a?.general.weakPoints ?? []).map((s) => `- ${s}`),
	]);
}
