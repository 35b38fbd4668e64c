import { messages as m } from '../messages.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from './form.js';
import { trustedSvg } from './trusted-html.js';

export interface ShareMenuProps {
  readonly ctx: PageContext;
  readonly articleId: string;
  readonly url: string;
  readonly shares: number;
  readonly qrSvg: string;
  /** The target just recorded (after a no-JS POST), to confirm it. */
  readonly shared?: string;
}

/**
 * 分享至: copy link, WeChat (QR code) and Weibo. Works without JavaScript:
 * each button POSTs (recorded once per visitor per target) and comes back;
 * site.js copies the link in place and records in the background.
 */
export function ShareMenu(props: ShareMenuProps): JSX.Element {
  const { ctx } = props;
  const safeQr = trustedSvg(props.qrSvg);
  const action = href(ctx, `/article/${props.articleId}/share`);
  return (
    <section id="share" class="share" aria-label={m.share}>
      <p class="share-count">
        {m.shareCount}{' '}
        <span class="count" data-share-count safe>
          {String(props.shares)}
        </span>
      </p>
      <details class="share-menu" open={props.shared !== undefined}>
        <summary>{m.shareTo}</summary>
        <form method="post" action={action} class="share-targets">
          <Csrf ctx={ctx} />
          <button type="submit" name="target" value="link" data-copy={props.url}>
            {m.copyLink}
          </button>
          <button type="submit" name="target" value="wechat">
            {m.wechat}
          </button>
          <button type="submit" name="target" value="weibo">
            {m.weibo}
          </button>
        </form>
        <p>
          <label for="share-url">{m.linkToCopy}</label>
          <input id="share-url" type="text" readonly value={props.url} />
        </p>
        <figure class="wechat-qr">
          {safeQr}
          <figcaption>{m.wechatScan}</figcaption>
        </figure>
        <p id="share-status" role="status" class="shared">
          {props.shared !== undefined ? m.shared : ''}
        </p>
      </details>
    </section>
  );
}
