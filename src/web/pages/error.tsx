import { messages as m } from '../messages.js';
import { Layout } from '../views/layout.js';

export type ErrorKind = 'not-found' | 'gone' | 'bad-request' | 'error';

const COPY: Record<ErrorKind, { title: string; body: string }> = {
  'not-found': { title: m.notFoundTitle, body: m.notFoundBody },
  gone: { title: m.goneTitle, body: m.goneBody },
  'bad-request': { title: m.badRequestTitle, body: m.badRequestBody },
  error: { title: m.errorTitle, body: m.errorBody },
};

export function ErrorPage({ kind, code }: { kind: ErrorKind; code: string }): JSX.Element {
  const copy = COPY[kind];
  return (
    <Layout title={`${copy.title} - ${m.siteName}`}>
      <h1 safe>{copy.title}</h1>
      <p safe>{copy.body}</p>
      <p class="error-code" safe>
        {code}
      </p>
      <p>
        <a href="/">{m.backHome}</a>
      </p>
    </Layout>
  );
}
