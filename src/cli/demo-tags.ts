/**
 * 话题 for the demo articles: the corpus has none, and a platform without
 * topics looks empty. Each article gets up to DEMO_TAGS_MAX topics from a fixed
 * list, those its title names or its body mentions at least twice, most
 * mentioned first — so every tag page is about what it says.
 */

/** Topics a reader of a general portal follows; each one word that appears as written. */
const DEMO_TOPICS = [
  '大学',
  '历史',
  '战争',
  '军事',
  '足球',
  '篮球',
  '奥运',
  '电影',
  '音乐',
  '歌手',
  '小说',
  '游戏',
  '动画',
  '铁路',
  '地铁',
  '机场',
  '公路',
  '城市',
  '建筑',
  '宗教',
  '佛教',
  '哲学',
  '经济',
  '银行',
  '公司',
  '汽车',
  '航天',
  '卫星',
  '计算机',
  '互联网',
  '医学',
  '医院',
  '疾病',
  '动物',
  '植物',
  '鸟类',
  '海洋',
  '河流',
  '山脉',
  '岛屿',
  '气候',
  '化学',
  '物理',
  '数学',
  '天文',
  '政治',
  '选举',
  '法律',
  '皇帝',
  '王朝',
  '艺术',
  '绘画',
  '博物馆',
  '旅游',
  '美食',
  '设计',
  '香港',
  '台湾',
  '日本',
  '美国',
  '欧洲',
  '文学',
  '诗人',
  '电视剧',
  '教育',
  '科学',
  '能源',
  '农业',
];
/** Enough to link an article to its neighbours without stuffing. */
const DEMO_TAGS_MAX = 3;
/** Body mentions a topic needs (a title mention alone is enough). */
const BODY_MENTIONS_MIN = 2;

const mentions = (text: string, word: string) => text.split(word).length - 1;

/** The demo topics of an article, most mentioned first. */
export function demoTags(title: string, body: string): string[] {
  return DEMO_TOPICS.map((topic) => ({
    topic,
    inTitle: title.includes(topic),
    count: mentions(body, topic),
  }))
    .filter((t) => t.inTitle || t.count >= BODY_MENTIONS_MIN)
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.count - a.count)
    .slice(0, DEMO_TAGS_MAX)
    .map((t) => t.topic);
}

/** A corpus line (JSON) with its demo topics added; a line that is not JSON stays as it is. */
export function withDemoTags(line: string): string {
  try {
    const parsed = JSON.parse(line) as { title?: unknown; body?: unknown };
    if (typeof parsed.title !== 'string' || typeof parsed.body !== 'string') return line;
    return JSON.stringify({ ...parsed, tags: demoTags(parsed.title, parsed.body) });
  } catch {
    return line;
  }
}
