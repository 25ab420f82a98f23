/**
 * The CloudBase environment id the mini-program calls in WeChat.
 * PLACEHOLDER: replace with the real environment id (云开发控制台 → 环境 ID) before uploading.
 */
export const CLOUD_ENV_ID = 'jinlin-replace-with-env-id'
