import type { Children } from '@kitajs/html';
import { messages as m } from '../messages.js';

export interface LayoutProps {
  readonly title: string;
  readonly description?: string;
  readonly children: Children;
}

export function Layout({ title, description, children }: LayoutProps): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang="zh-Hans">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{title}</title>
          {description !== undefined && <meta name="description" content={description} />}
          <link rel="stylesheet" href="/assets/site.css" />
        </head>
        <body>
          <a class="skip-link" href="#main">
            {m.skipToContent}
          </a>
          <header class="site-header">
            <a class="site-name" href="/">
              {m.siteName}
            </a>
          </header>
          <main id="main">{children}</main>
          <footer class="site-footer">
            <p>{m.footer}</p>
          </footer>
        </body>
      </html>
    </>
  );
}
