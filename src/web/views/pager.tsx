import { messages as m } from '../messages.js';
import { href, type PageContext } from '../page-context.js';

/** Cursor pagination: "older" follows the cursor, "newest" returns to page one. */
export function Pager(props: {
  ctx: PageContext;
  basePath: string;
  next?: string;
  isFirst: boolean;
}): JSX.Element {
  const { ctx } = props;
  if (!props.next && props.isFirst) return '';
  return (
    <nav class="pager" aria-label={m.pagination}>
      {!props.isFirst ? <a href={href(ctx, props.basePath)}>{m.newestPage}</a> : ''}
      {props.next ? (
        <a rel="next" href={href(ctx, `${props.basePath}?before=${props.next}`)}>
          {m.olderPage}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}
