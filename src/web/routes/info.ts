/** Information pages: accessibility (无障碍说明). */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { messages as m } from '../messages.js';
import { InfoPage } from '../pages/simple.js';

export const infoRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/accessibility', async (request, reply) => {
    const pageCtx = await request.pageContext();
    return reply.render(
      InfoPage({
        ctx: pageCtx,
        title: m.accessibilityTitle,
        path: '/accessibility',
        paragraphs: [
          '本站所有页面都可以只用键盘浏览：按 Tab 键在链接和按钮之间移动，每页开头的“跳到正文”链接可直接进入正文。',
          '点击页面顶部的“进入关怀版”，字号更大、行距更宽、版面更简洁，所有页面都会保持这一设置，直到您退出关怀版。',
          '点击页面顶部的“无障碍浏览”打开工具栏（关怀版中始终打开）：可以调整字号和行距，开启高对比度、大鼠标和阅读辅助线，一键重置。设置保存在本机浏览器中，换页后依然有效。',
          '“语音阅读”使用浏览器自带的语音合成，无需安装插件：可以播放、暂停、停止和调节语速，按顺序朗读标题和正文，并高亮正在朗读的句子。如果设备上没有中文语音，页面会明确提示。',
          '点击“繁體”可切换到繁体中文，点击“简体”切换回来。浏览器的文字放大（最多 200%）不会让页面出现横向滚动。',
          '搜索“关怀版”“长辈版”“关爱版”或“亲情版”也可以找到关怀版入口。本站没有广告、弹窗和下载应用的提示。',
        ],
      }),
    );
  });
};
