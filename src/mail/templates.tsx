/**
 * Mail in Chinese, as HTML (inline styles: mail programs ignore style sheets)
 * and as plain text with the same words, under the site's name. Every string
 * is escaped; links are absolute.
 */
import { escapeHtml } from '@kitajs/html';

export interface MailLink {
  readonly label: string;
  readonly url: string;
}

export interface MailContent {
  readonly siteName: string;
  readonly publicUrl: string;
  readonly subject: string;
  /** "张三，你好：" — omitted for mail to an address with no account. */
  readonly greeting?: string;
  readonly paragraphs: readonly string[];
  /** A list (a digest's notifications), each a line with an optional link. */
  readonly items?: readonly { readonly text: string; readonly url?: string }[];
  /** The one thing to do, as a button. */
  readonly action?: MailLink;
  /** Why this mail came, and what to do if it was not wanted. */
  readonly footnote?: string;
  /** Non-essential mail: where to stop it (also sent as List-Unsubscribe). */
  readonly unsubscribeUrl?: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Record<string, string>;
}

const BRAND = '#c4161c';

export function renderMail(c: MailContent): RenderedMail {
  const text = [
    c.greeting,
    ...c.paragraphs,
    ...(c.items ?? []).map((i) => `· ${i.text}${i.url ? `\n  ${i.url}` : ''}`),
    c.action ? `${c.action.label}：\n${c.action.url}` : undefined,
    c.footnote,
    '——',
    `${c.siteName} ${c.publicUrl}`,
    c.unsubscribeUrl ? `退订此类邮件：\n${c.unsubscribeUrl}` : undefined,
  ]
    .filter((p): p is string => p !== undefined && p !== '')
    .join('\n\n');
  const html =
    '<!doctype html>' +
    (
      <html lang="zh-Hans">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{c.subject}</title>
        </head>
        <body style="margin:0;padding:24px;background:#f4f4f4;color:#1f1f1f;font:16px/1.7 'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif">
          <div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:28px">
            <p style={`margin:0 0 20px;font-size:18px;font-weight:bold;color:${BRAND}`} safe>
              {c.siteName}
            </p>
            {c.greeting ? <p safe>{c.greeting}</p> : ''}
            {c.paragraphs.map((p) => (
              <p safe>{p}</p>
            ))}
            {c.items?.length ? (
              <ul style="padding-left:20px">
                {c.items.map((i) => (
                  <li style="margin:6px 0">
                    {i.url ? (
                      <a href={i.url} style={`color:${BRAND}`} safe>
                        {i.text}
                      </a>
                    ) : (
                      escapeHtml(i.text)
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              ''
            )}
            {c.action ? (
              <p style="margin:24px 0">
                <a
                  href={c.action.url}
                  style={`display:inline-block;background:${BRAND};color:#fff;text-decoration:none;padding:10px 20px;border-radius:6px`}
                  safe
                >
                  {c.action.label}
                </a>
              </p>
            ) : (
              ''
            )}
            {c.action ? (
              <p style="font-size:13px;color:#5f5f5f;word-break:break-all">
                按钮无法点击时，请复制此链接到浏览器打开：{escapeHtml(c.action.url)}
              </p>
            ) : (
              ''
            )}
            {c.footnote ? (
              <p style="font-size:13px;color:#5f5f5f" safe>
                {c.footnote}
              </p>
            ) : (
              ''
            )}
            <p style="margin-top:28px;border-top:1px solid #e5e5e5;padding-top:12px;font-size:13px;color:#5f5f5f">
              <a href={c.publicUrl} style="color:#5f5f5f" safe>
                {c.siteName}
              </a>
              {c.unsubscribeUrl ? (
                <>
                  {' · '}
                  <a href={c.unsubscribeUrl} style="color:#5f5f5f">
                    退订此类邮件
                  </a>
                </>
              ) : (
                ''
              )}
            </p>
          </div>
        </body>
      </html>
    );
  const headers: Record<string, string> = {};
  if (c.unsubscribeUrl) {
    // RFC 8058: one POST to this URL unsubscribes, without a page or a sign-in.
    headers['List-Unsubscribe'] = `<${c.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { subject: `${c.subject} - ${c.siteName}`, text, html, headers };
}
