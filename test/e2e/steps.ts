/**
 * Steps the pillars' end-to-end tests share: a step as a demo person in a fresh browser context,
 * the page on screen, Taro.showModal's confirmation, and calls to the API (which throw on an error
 * envelope), including driving a demand through the dispatch loop by API.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';

import type { App } from './browser';

const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const LIAISON = 'demo-liaison-renshe'; // 赵敏, liaison of 县人社局
const ZHANG = 'demo-member-zhang'; // 张伟, member of 县人社局

/** The page on screen (Taro keeps pages under it in the DOM, hidden). */
export const shown = (page: Page) => page.locator('.taro_page_show').filter({ visible: true });

/** The confirmation Taro.showModal puts up in H5: checks its title and taps its confirm button. */
export async function confirm(page: Page, title: string, confirmText: string): Promise<void> {
  // The wrapper has no box of its own (its mask and content are fixed): find the content.
  const modal = page.locator('.taro__modal .taro-modal__content').filter({ visible: true });
  await modal.locator('.taro-modal__title', { hasText: title }).waitFor();
  await expect(modal.locator('.taro-model__cancel').textContent()).resolves.toBe('取消');
  const ok = modal.locator('.taro-model__confirm');
  await expect(ok.textContent()).resolves.toBe(confirmText);
  await ok.click();
  await modal.waitFor({ state: 'hidden' });
}

/**
 * The steps of one test file. `app` is read when a step runs (it is started in beforeAll); a failed
 * step leaves `/tmp/<name>-fail-<openid>.png` and `.html` behind.
 */
export function steps(name: string, app: () => App) {
  /**
   * Runs `step` as `openid` in a fresh browser context at `route`, and closes the context after.
   * Uncaught page errors fail the step.
   */
  async function as<T>(openid: string, route: string, step: (page: Page) => Promise<T>): Promise<T> {
    const page = await app().openAs(openid, route);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const result = await step(page);
      expect(errors).toEqual([]);
      return result;
    } catch (e) {
      await page.screenshot({ path: `/tmp/${name}-fail-${openid}.png`, fullPage: true }).catch(() => undefined);
      fs.writeFileSync(`/tmp/${name}-fail-${openid}.html`, await page.content().catch(() => ''));
      throw e;
    } finally {
      await page.context().close();
    }
  }

  /** Calls `fn` as `openid` and returns its data; an error envelope throws. */
  async function post<T = unknown>(fn: string, body: Record<string, unknown>, openid: string): Promise<T> {
    const res = await app().post(fn, body, openid);
    if (!res.ok) throw new Error(`${fn}.${String(body.action)} as ${openid}: ${JSON.stringify(res.error)}`);
    return res.data as T;
  }

  /**
   * Drives a submitted demand by API (test/e2e/dispatch.test.ts covers these steps through the
   * pages): 周芳 dispatches it to 县人社局 for one, 赵敏 accepts, 张伟 claims it and finishes it with
   * `hours` and `notes` ('completed', 待验收), and for 'verified' 周芳 verifies it.
   */
  async function driveDemand(id: string, to: 'completed' | 'verified', work: { hours: number; notes: string }): Promise<void> {
    await post('dispatch', { action: 'dispatch', id, unitId: 'unit-renshe', slots: 1, expectedHours: work.hours }, STAFF);
    await post('dispatch', { action: 'accept', id }, LIAISON);
    await post('dispatch', { action: 'claim', id }, ZHANG);
    await post('dispatch', { action: 'complete', id, notes: work.notes, hours: work.hours }, ZHANG);
    if (to === 'verified') await post('dispatch', { action: 'verify', id }, STAFF);
  }

  return { as, post, driveDemand };
}
