import { messages as m } from '../messages.js';
import { href, type PageContext } from '../page-context.js';

/** Cursor pagination: "older" follows the cursor, "newest" returns to page one. */
export function Pager(props: {
  ctx: PageContext;
  basePath: string;
  next?: string;
  isFirst: boolean;
  /** The "older" link's text (更早的文章 by default). */
  olderLabel?: string;
}): JSX.Element {
  const { ctx } = props;
  if (!props.next && props.isFirst) return '';
  const older = props.olderLabel ?? m.olderPage;
  return (
    <nav class="pager" aria-label={m.pagination}>
      {!props.isFirst ? <a href={href(ctx, props.basePath)}>{m.newestPage}</a> : ''}
      {props.next ? (
        <a rel="next" href={href(ctx, `${props.basePath}?before=${props.next}`)} safe>
          {older}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}
