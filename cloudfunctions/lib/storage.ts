/**
 * Cloud storage, typed: uploads, temporary URLs, and who owns an uploaded photo. wx-server-sdk
 * types these calls as callback-style unions; these are what they resolve to.
 */
import { cloud } from './cloud';

/** Stores `bytes` at `cloudPath`; returns the file id (`cloud://<env>/<cloudPath>`). */
export async function upload(cloudPath: string, bytes: Buffer): Promise<string> {
  const res = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as unknown as { fileID: string };
  return res.fileID;
}

/** Temporary URLs for file ids, in one call for all of them (none when there are none). */
export async function tempUrls(fileIds: string[]): Promise<Map<string, string>> {
  if (!fileIds.length) return new Map();
  const res = (await cloud.getTempFileURL({ fileList: fileIds })) as unknown as { fileList: { fileID: string; tempFileURL: string }[] };
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
}

/** A photo's file id: cloud://<env>/demands/<openid>/<name>.<ext>, nothing else (no "..", no sub-folders). */
const PHOTO_ID = /^cloud:\/\/[\w.-]+\/demands\/([\w-]+)\/[\w-]+\.(jpg|png|webp)$/;

/** Photos live under demands/<openid>/: a request may only attach the caller's own uploads. */
export function ownsPhoto(fileID: string, openid: string): boolean {
  return PHOTO_ID.exec(fileID)?.[1] === openid;
}

/** The bytes of a stored file, or null when there is none. */
export async function download(fileID: string): Promise<Buffer | null> {
  try {
    const res = (await cloud.downloadFile({ fileID })) as unknown as { fileContent: Buffer };
    return res.fileContent;
  } catch {
    return null;
  }
}

/** Deletes a stored file (a photo refused by the image check); a file already gone is no error. */
export async function remove(fileID: string): Promise<void> {
  await cloud.deleteFile({ fileList: [fileID] });
}
