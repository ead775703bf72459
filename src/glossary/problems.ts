/** One thing wrong (or worth a look) in the glossary data, located as precisely as we can. */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  /** The entry's id, or "#index" when it has none. */
  entry?: string;
  field?: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const place = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  const entry = problem.entry === undefined ? '' : ` entry "${problem.entry}"`;
  const field = problem.field === undefined ? '' : ` field "${problem.field}"`;
  // A problem about the whole file has neither; "error:: message" would look like a typo.
  const subject = `${entry}${field}`;
  return `${place}: ${problem.severity}:${subject}${subject ? ':' : ''} ${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
