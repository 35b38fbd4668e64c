/**
 * A WordPress export of N posts for the import bench: the demo corpus's
 * articles, each post's Han characters re-lettered by its own affine map
 * (seeded, so every run writes the same file). Lengths, paragraphs and
 * punctuation stay those of real articles, and no two posts share a
 * phrase, as on a real site: shared text would make every post a near-copy
 * of others and bench the copy finder instead of the import. Five authors,
 * a category and two tags each, every third post with two comments (one a
 * reply), 2 % drafts. Written as a stream: the file may be hundreds of MB.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const CATEGORIES = ['科技', '体育', '财经', '旅游', '美食', '历史'];
/** The CJK Unified Ideographs block that is re-lettered: 0x4E00–0x9FFF. */
const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0x5200; // 20,992 = 2^9 × 41: a multiplier must be odd and not a multiple of 41

export async function writeWxr(path: string, posts: number, corpus: string): Promise<number> {
  const articles: { title: string; body: string }[] = [];
  const rl = createInterface({ input: createReadStream(corpus, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl)
    if (line.trim()) articles.push(JSON.parse(line) as { title: string; body: string });
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const reletter = (text: string, a: number, b: number) =>
    text.replace(/[\u4e00-\u9fff]/gu, (c) =>
      String.fromCharCode(HAN_FIRST + (((c.charCodeAt(0) - HAN_FIRST) * a + b) % HAN_COUNT)),
    );
  const escape = (t: string) => t.replace(/]]>/g, ']]&gt;');
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>基准测试站</title><link>https://bench.example.cn</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example.cn</wp:base_site_url><wp:base_blog_url>https://bench.example.cn</wp:base_blog_url>
`);
  for (let a = 1; a <= 5; a++)
    await write(
      `<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login><![CDATA[author${a}]]></wp:author_login><wp:author_email><![CDATA[author${a}@bench.example.cn]]></wp:author_email><wp:author_display_name><![CDATA[作者${a}]]></wp:author_display_name></wp:author>\n`,
    );
  let comment = 0;
  for (let i = 1; i <= posts; i++) {
    const source = articles[i % articles.length]!;
    let a = 1 + 2 * Math.floor(rand() * 10_000);
    if (a % 41 === 0) a += 2;
    const b = Math.floor(rand() * HAN_COUNT);
    const paragraphs = reletter(source.body, a, b)
      .split(/\n+/)
      .filter((p) => p.trim())
      .map((p) => `<p>${escape(p).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
    const title = reletter(source.title, a, b);
    const pick = () =>
      reletter(articles[Math.floor(rand() * articles.length)]!.body.slice(0, 60), a, b);
    const date = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    let comments = '';
    if (i % 3 === 0) {
      const first = ++comment;
      const second = ++comment;
      comments = [first, second]
        .map(
          (id, k) =>
            `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[读者${id % 97}]]></wp:comment_author><wp:comment_author_email><![CDATA[reader${id % 97}@bench.example.cn]]></wp:comment_author_email><wp:comment_date_gmt><![CDATA[${date}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${escape(pick())}]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${k === 1 ? first : 0}</wp:comment_parent></wp:comment>`,
        )
        .join('');
    }
    await write(
      `<item><title><![CDATA[${escape(title)}（${i}）]]></title><link>https://bench.example.cn/${date.slice(0, 4)}/post-${i}/</link><dc:creator><![CDATA[author${(i % 5) + 1}]]></dc:creator><guid isPermaLink="false">https://bench.example.cn/?p=${i}</guid><content:encoded><![CDATA[${paragraphs.join('\n')}]]></content:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt><wp:status><![CDATA[${i % 50 === 0 ? 'draft' : 'publish'}]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password><category domain="category" nicename="c"><![CDATA[${CATEGORIES[i % CATEGORIES.length]}]]></category><category domain="post_tag" nicename="t1"><![CDATA[标签${i % 40}]]></category><category domain="post_tag" nicename="t2"><![CDATA[话题${i % 13}]]></category>${comments}</item>\n`,
    );
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return comment;
}
