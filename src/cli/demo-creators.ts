import type { AccountType } from '../creators/index.js';

/**
 * The demo site's creators: invented people and outlets (any likeness is
 * chance), each with the channels they write for, their beat first. A demo
 * article goes to a creator whose beat is its channel (so 汽车智库 writes
 * about cars, not John Stuart Mill); 头条's general articles go to the
 * generalists — history, science, geography, books, world news.
 */
export interface DemoCreator {
  readonly handle: string;
  readonly displayName: string;
  readonly tagline: string;
  readonly bio: string;
  readonly accountType: AccountType;
  readonly focus: readonly string[];
}

export const DEMO_CREATORS: readonly DemoCreator[] = [
  {
    handle: 'linzhiyuan',
    displayName: '林知远',
    tagline: '新能源、人工智能、合成生物、地缘科技',
    bio: '关注前沿科技与产业变迁，写给愿意多想一步的读者。',
    accountType: 'individual',
    focus: ['tech', 'auto', 'mobile'],
  },
  {
    handle: 'chenmoran',
    displayName: '陈默然',
    tagline: '读史阅世，慢写长文',
    bio: '历史爱好者，喜欢把一件事讲清楚。',
    accountType: 'individual',
    focus: ['news', 'art'],
  },
  {
    handle: 'xingzhe-daily',
    displayName: '行者日报',
    tagline: '用脚步丈量世界',
    bio: '旅行、城市与风物的记录者。',
    accountType: 'media',
    focus: ['travel', 'local'],
  },
  {
    handle: 'sujinghe',
    displayName: '苏景和',
    tagline: '财经观察 | 宏观与公司',
    bio: '前券商研究员，现为独立撰稿人。',
    accountType: 'individual',
    focus: ['money'],
  },
  {
    handle: 'tiyu-qianxian',
    displayName: '体育前线',
    tagline: '赛场内外，第一现场',
    bio: '专注足球、篮球与奥运项目的体育媒体。',
    accountType: 'media',
    focus: ['sports'],
  },
  {
    handle: 'wenyu-studio',
    displayName: '文娱工作室',
    tagline: '影视、音乐、游戏与流行文化',
    bio: '每天一篇娱乐深度稿。',
    accountType: 'media',
    focus: ['ent'],
  },
  {
    handle: 'zhaoyiran',
    displayName: '赵一然',
    tagline: '博物馆与艺术史笔记',
    bio: '美术馆志愿讲解员，写艺术与收藏。',
    accountType: 'individual',
    focus: ['art'],
  },
  {
    handle: 'qiche-zhiku',
    displayName: '汽车智库',
    tagline: '汽车、出行与新能源',
    bio: '汽车行业资讯与评测。',
    accountType: 'enterprise',
    focus: ['auto'],
  },
  {
    handle: 'guxiaowen',
    displayName: '顾小雯',
    tagline: '时尚、设计与生活方式',
    bio: '写衣服，也写穿衣服的人。',
    accountType: 'individual',
    focus: ['fashion', 'art'],
  },
  {
    handle: 'dili-zazhi',
    displayName: '地理杂志社',
    tagline: '山川湖海，自然与人文',
    bio: '地理与自然科普内容出品方。',
    accountType: 'media',
    focus: ['news', 'travel'],
  },
  {
    handle: 'hanqiushui',
    displayName: '韩秋水',
    tagline: '老照片里的城市记忆',
    bio: '本地文史爱好者。',
    accountType: 'individual',
    focus: ['news', 'local', 'travel'],
  },
  {
    handle: 'kexue-pinglun',
    displayName: '科学评论',
    tagline: '把科学讲给所有人听',
    bio: '由高校教师发起的科普平台。',
    accountType: 'institution',
    focus: ['news', 'tech'],
  },
  {
    handle: 'fangweiming',
    displayName: '方未名',
    tagline: '语言、文字与书',
    bio: '编辑，译者，爱读杂书。',
    accountType: 'individual',
    focus: ['news', 'art'],
  },
  {
    handle: 'jingji-guancha',
    displayName: '经济观察社',
    tagline: '看懂数字背后的经济',
    bio: '专注宏观经济与产业研究。',
    accountType: 'media',
    focus: ['money'],
  },
  {
    handle: 'yunduan-keji',
    displayName: '云端科技',
    tagline: '手机、芯片与互联网',
    bio: '数码产品评测与行业资讯。',
    accountType: 'enterprise',
    focus: ['tech', 'mobile'],
  },
  {
    handle: 'liuqingshan',
    displayName: '刘青山',
    tagline: '跑步、登山与户外运动',
    bio: '业余马拉松跑者，户外领队。',
    accountType: 'individual',
    focus: ['sports', 'travel'],
  },
  {
    handle: 'minsu-bowuguan',
    displayName: '民俗博物馆',
    tagline: '节令、风俗与非遗',
    bio: '地方民俗博物馆官方账号。',
    accountType: 'institution',
    focus: ['art', 'local'],
  },
  {
    handle: 'zhouyanan',
    displayName: '周雅楠',
    tagline: '音乐剧与古典乐',
    bio: '音乐记者。',
    accountType: 'individual',
    focus: ['ent', 'art'],
  },
  {
    handle: 'shijie-zhoukan',
    displayName: '世界周刊',
    tagline: '国际视野，中文表达',
    bio: '国际新闻与评论。',
    accountType: 'media',
    focus: ['news', 'money'],
  },
  {
    handle: 'wangzijian',
    displayName: '王子健',
    tagline: '城市、交通与出行',
    bio: '交通规划师，写城市也写路。',
    accountType: 'individual',
    focus: ['auto', 'local'],
  },
];

/** Shown on every demo article: the corpus is CC BY-SA and needs visible attribution. */
export const DEMO_ATTRIBUTION =
  'Text from Chinese Wikipedia (zh.wikipedia.org) contributors, via CMRC 2018 (ymcui/cmrc2018) and DRCD (Delta Research Center); CC BY-SA.';
