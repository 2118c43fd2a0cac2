/**
 * How tasks and replies travel through Redis: records turned into columns (columns.ts), structured-
 * clone serialized (as between threads), deflated, as base64 text. A reply's findings repeat their
 * rule ids, messages and field names: as columns they serialize and rebuild several times faster
 * than object by object, and Redis (which keeps a reply in the job and sends it in the completion
 * event) moves a tenth of the bytes.
 */
import { serialize, deserialize } from "node:v8";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { columns, records } from "./columns.js";

export const pack = (value: unknown): string => deflateRawSync(serialize(columns(value)), { level: 1 }).toString("base64");

export const unpack = <T>(text: string): T => records(deserialize(inflateRawSync(Buffer.from(text, "base64")))) as T;
