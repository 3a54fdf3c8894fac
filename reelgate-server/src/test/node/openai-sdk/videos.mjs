// Drives Reelgate's OpenAI Videos dialect with the official `openai` npm package, as application
// code written for OpenAI's Videos API would, and prints one JSON line per step for OpenAiSdkIT.
// Environment: REELGATE_BASE_URL (…/v1), REELGATE_API_KEY, REELGATE_IMAGE (a PNG path),
// REELGATE_OUT (a directory for the downloads).
import fs from "node:fs/promises";
import path from "node:path";
import OpenAI, { toFile } from "openai";

const baseURL = process.env.REELGATE_BASE_URL;
const out = process.env.REELGATE_OUT;
const client = new OpenAI({ baseURL, apiKey: process.env.REELGATE_API_KEY, maxRetries: 0 });

function report(step, value) {
  console.log(JSON.stringify({ step, ...value }));
}

async function finished(id) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const video = await client.videos.retrieve(id);
    if (video.status === "completed" || video.status === "failed") return video;
    if (Date.now() > deadline) throw new Error(`video ${id} is still ${video.status}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function save(id, variant, name) {
  const response = await client.videos.downloadContent(id, { variant });
  const bytes = Buffer.from(await response.arrayBuffer());
  const file = path.join(out, name);
  await fs.writeFile(file, bytes);
  return { file, bytes: bytes.length, contentType: response.headers.get("content-type") };
}

async function refusal(call) {
  try {
    await call();
    return { error: null };
  } catch (e) {
    return { error: e.constructor.name, status: e.status, param: e.param ?? null, code: e.code ?? null };
  }
}

const text = await client.videos.create({
  model: "sora-2",
  prompt: "a red kite over sand dunes, golden hour",
  seconds: "4",
  size: "1280x720",
});
report("create-text", { video: text });

const image = await toFile(await fs.readFile(process.env.REELGATE_IMAGE), "frame.png", {
  type: "image/png",
});
const fromImage = await client.videos.create({
  model: "sora-2-pro",
  prompt: "the frame comes alive",
  seconds: "4",
  size: "1280x720",
  input_reference: image,
});
report("create-image", { video: fromImage });

const textDone = await finished(text.id);
const imageDone = await finished(fromImage.id);
report("completed", { text: textDone, image: imageDone });

report("download-text", await save(text.id, "video", "text.mp4"));
report("download-image", await save(fromImage.id, "video", "image.mp4"));
report("download-thumbnail", await save(text.id, "thumbnail", "text-thumbnail.jpg"));
report("spritesheet", await refusal(() => client.videos.downloadContent(text.id, { variant: "spritesheet" })));

const page = await client.videos.list({ limit: 1 });
const all = [];
for await (const video of client.videos.list({ limit: 1, order: "desc" })) {
  all.push(video.id);
  if (all.length >= 5) break;
}
report("list", { first: page.data.map((v) => v.id), hasMore: page.has_more, walked: all });

const remix = await client.videos.remix(text.id, { prompt: "the same kite at night" });
report("remix", { video: remix, done: await finished(remix.id) });

const deleted = await client.videos.delete(remix.id);
report("delete", { deleted, retrieve: await refusal(() => client.videos.retrieve(remix.id)) });

report(
  "bad-seconds",
  await refusal(() => client.videos.create({ model: "sora-2", prompt: "x", seconds: "5" })),
);
const stranger = new OpenAI({ baseURL, apiKey: "rg_not_a_key", maxRetries: 0 });
report("wrong-key", await refusal(() => stranger.videos.retrieve(text.id)));

const models = [];
for await (const model of client.models.list()) models.push(model.id);
report("models", { models });
report("done", {});
