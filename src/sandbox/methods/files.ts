import { ApiError, int, invalidArguments, requireStr, str } from '../apiArgs';
import { isObject } from '../types';
import { type Handler, postTarget } from './shared';

const getUploadURLExternal: Handler = (state, args) => {
  const filename = requireStr(args, 'filename');
  const length = int(args, 'length');
  if (length === undefined) throw invalidArguments('missing required field: length');
  if (length <= 0) throw new ApiError('invalid_length');
  const upload = state.files.reserve(filename, length);
  return { upload_url: `${state.baseUrl}/upload/${upload.id}`, file_id: upload.id };
};

const completeUploadExternal: Handler = (state, args) => {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0) throw invalidArguments('files must be a non-empty JSON array of {id, title}');
  const channelArg = str(args, 'channel_id') ?? str(args, 'channels')?.split(',')[0];
  const channel = channelArg ? postTarget(state, channelArg) : undefined;
  const requested = files.map((f) => {
    if (!isObject(f) || typeof f.id !== 'string') throw invalidArguments('each file needs an id');
    // Never uploaded bytes, or already completed: either way Slack has no pending upload with that id.
    if (!state.files.isPending(f.id)) throw new ApiError('file_not_found');
    return { id: f.id, title: typeof f.title === 'string' && f.title !== '' ? f.title : undefined };
  });
  const stored = requested.map(({ id, title }) => state.files.complete(id, title, channel?.id));
  if (channel) {
    const threadTs = str(args, 'thread_ts');
    state.messages.post(channel.id, state.botUserId, {
      text: str(args, 'initial_comment') ?? '',
      blocks: [],
      files: stored.map((f) => f.id),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }
  const created = Math.floor(state.now() / 1000);
  return {
    files: stored.map((f) => ({
      id: f.id,
      created,
      timestamp: created,
      name: f.filename,
      title: f.title,
      mimetype: 'text/plain',
      filetype: f.filename.split('.').pop() ?? 'text',
      user: state.botUserId,
      size: f.bytes.length,
      channels: f.channel ? [f.channel] : [],
    })),
  };
};

export const fileMethods: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
