/**
 * 无障碍浏览 toolbar and the 语音阅读 (read-aloud) player, on every page.
 *
 * The buttons are driven by /assets/site.js and take effect through classes on
 * <html> that /assets/prefs.js restores from localStorage before the body is
 * drawn (no flash, and pages stay cacheable: the server never sees the
 * settings). Without JavaScript the toolbar stays hidden (its buttons could do
 * nothing) and the header link leads to the /accessibility page instead.
 */
import type { PageContext } from '../page-context.js';

export const A11Y_TOOLBAR_ID = 'a11y-toolbar';

/** Reading speeds offered by the player (1 is the voice's normal rate). */
export const READ_ALOUD_RATES = [0.75, 1, 1.25, 1.5] as const;

export function A11yToolbar({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <section
      id={A11Y_TOOLBAR_ID}
      class="a11y-toolbar"
      aria-label="无障碍浏览工具栏"
      data-always-open={ctx.care ? 'true' : undefined}
    >
      <h2 class="visually-hidden">无障碍浏览工具栏</h2>
      <A11yControls ctx={ctx} />
      <ReadAloudPlayer />
      <p class="visually-hidden" role="status" aria-live="polite" data-a11y-announce></p>
    </section>
  );
}

/** The toolbar's buttons: text size, spacing, contrast, cursor, guide, read aloud, reset, close. */
function A11yControls({ ctx }: { ctx: PageContext }): JSX.Element {
  return (
    <ul class="a11y-controls">
      <li>
        <button type="button" data-a11y="text-down">
          A− 缩小
        </button>
      </li>
      <li>
        <span class="a11y-value" data-a11y-show="text">
          字号 100%
        </span>
      </li>
      <li>
        <button type="button" data-a11y="text-up">
          A+ 放大
        </button>
      </li>
      <li>
        <button type="button" data-a11y="spacing">
          行距：<span data-a11y-show="spacing">标准</span>
        </button>
      </li>
      <li>
        <button type="button" data-a11y="contrast" aria-pressed="false">
          高对比度
        </button>
      </li>
      <li>
        <button type="button" data-a11y="cursor" aria-pressed="false">
          大鼠标
        </button>
      </li>
      <li>
        <button type="button" data-a11y="guide" aria-pressed="false">
          阅读辅助线
        </button>
      </li>
      <li>
        <button type="button" data-a11y="read" aria-controls="read-aloud">
          语音阅读
        </button>
      </li>
      <li>
        <button type="button" data-a11y="reset">
          重置
        </button>
      </li>
      {ctx.care ? (
        ''
      ) : (
        <li>
          <button type="button" data-a11y="close">
            关闭工具栏
          </button>
        </li>
      )}
    </ul>
  );
}

/** The 语音阅读 player: play, pause, stop, reading speed and its status line (hidden until used). */
function ReadAloudPlayer(): JSX.Element {
  return (
    <div id="read-aloud" class="read-aloud" role="group" aria-label="语音阅读" hidden>
      <button type="button" data-tts="play">
        播放
      </button>
      <button type="button" data-tts="pause" disabled>
        暂停
      </button>
      <button type="button" data-tts="stop" disabled>
        停止
      </button>
      <label>
        语速
        <select data-tts="rate">
          {READ_ALOUD_RATES.map((r) => (
            <option value={String(r)} selected={r === 1} safe>
              {`${r}×`}
            </option>
          ))}
        </select>
      </label>
      <p class="tts-status" role="status" aria-live="polite" data-tts="status"></p>
    </div>
  );
}
