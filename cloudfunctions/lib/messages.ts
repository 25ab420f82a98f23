/**
 * The one sender of subscribe messages (dispatch notifications, visit reminders). A message that
 * fails — most often the person has not consented to that template — is counted and logged, and
 * never undoes the work that led to it.
 */
import { cloud } from './cloud';
import { templateId } from './templates';

/** A template by its placeholder (the real id comes from the environment: ./templates.ts) and its title. */
export interface Template {
  id: string;
  title: string;
}

export interface Message {
  touser: string;
  template: Template;
  /** The mini-program page the message opens, with its query. */
  page: string;
  /** The template's fields (`thing1` …), each at most 20 characters for `thing` fields. */
  data: Record<string, { value: string }>;
}

/** Sends each message; returns how many went out and how many failed. */
export async function sendMessages(messages: Message[]): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const m of messages) {
    try {
      await cloud.openapi.subscribeMessage.send({ touser: m.touser, templateId: templateId(m.template.id), page: m.page, data: m.data } as never);
      sent++;
    } catch (err) {
      console.warn(`[messages] ${m.template.title} → ${m.touser} not sent`, err);
      failed++;
    }
  }
  return { sent, failed };
}
