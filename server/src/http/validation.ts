import type { z } from 'zod';

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * One line per problem, each naming the field, e.g.
 * `body.mutations[0].seq: Invalid input: expected number, received string`.
 */
export function describeIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = formatPath(issue.path);
      const keys =
        issue.code === 'unrecognized_keys' ? issue.keys.map((k) => `${where}.${path ? `${path}.` : ''}${k}`) : [];
      if (keys.length > 0) return `${keys.join(', ')}: unknown field`;
      return `${path ? `${where}.${path}` : where}: ${issue.message}`;
    })
    .join('; ');
}
