/**
 * How tasks and replies travel through Redis: structured-clone serialized (as between threads),
 * deflated, as base64 text. Findings repeat their rule ids, messages and field names, so replies
 * shrink several times over, and Redis (which keeps a reply in the job and sends it in the
 * completion event) moves that much less.
 */
import { serialize, deserialize } from "node:v8";
import { deflateRawSync, inflateRawSync } from "node:zlib";

export const pack = (value: unknown): string => deflateRawSync(serialize(value), { level: 1 }).toString("base64");

export const unpack = <T>(text: string): T => deserialize(inflateRawSync(Buffer.from(text, "base64"))) as T;
