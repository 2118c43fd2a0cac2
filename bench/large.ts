/**
 * `npm run bench:large`: memory on a very large JSONL corpus. Generates a JSONL file of the given
 * size (default 1 GB, `--mb=N`) of MT-like segments in the temp folder, runs `mtlint check --format jsonl`
 * on it with output to /dev/null, and reports time, words/s and peak memory; then deletes the file.
 * `--text`: a plain text file instead, without a blank line (one paragraph, which must still be
 * streamed in batches of bounded size), its lines of about 500 sentences and one line of 2 MB.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const megabytes = Number(process.argv.find((a) => /^--mb=\d+$/.test(a))?.slice(5) ?? 1024);
const jobs = process.argv.find((a) => /^--jobs=\d+$/.test(a))?.slice(7);
const targets = [
  "The council met 8 thousand residents, – said the mayor of the northern city.",
  "The museum opened on Monday, and many people came to see the new exhibition hall.",
  "Prices rose by 2,5 percent this year, according to the statistics office.",
  "The Northern Railway Company (NRC) added trains; SZhD said the timetable will change.",
  "Visitors can see the the clockwork mechanism and listen to its sound every hour.",
];
const text = process.argv.includes("--text");
const path = join(tmpdir(), `mtlint-large-${process.pid}.${text ? "txt" : "jsonl"}`);
const fd = openSync(path, "w");
let bytes = 0;
let words = 0;
for (let i = 0; bytes < megabytes * 1024 * 1024; i += 1000) {
  const batch = Array.from({ length: 1000 }, (_, k) => (text ? targets[(i + k) % targets.length]! : JSON.stringify({ id: `seg-${i + k}`, source: "…", target: targets[(i + k) % targets.length] })));
  // Text: 500 sentences a line, and a line of 2 MB once.
  const chunk = text ? `${batch.slice(0, 500).join(" ")}\n${batch.slice(500).join(" ")}${i === 10_000 ? ` ${batch.join(" ").repeat(24)}` : ""}\n` : `${batch.join("\n")}\n`;
  writeSync(fd, chunk);
  bytes += Buffer.byteLength(chunk);
  words += (i === 10_000 && text ? 25 : 1) * batch.length * 13;
}
closeSync(fd);
try {
  const bin = fileURLToPath(new URL("../../bin/mtlint.js", import.meta.url));
  const time = existsSync("/usr/bin/time") ? ["/usr/bin/time", "-f", "%M"] : [];
  const [command, ...args] = [...time, process.execPath, bin, "check", "--format", "jsonl", "--output-file", "/dev/null", "--min-score", "0", ...(jobs ? ["--jobs", jobs] : []), path];
  const started = performance.now();
  const child = spawnSync(command!, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  const peak = time.length ? `; peak RSS ${Math.round(Number(child.stderr.trim().split("\n").at(-1)) / 1024)} MB` : "";
  console.log(`${(bytes / 1024 / 1024).toFixed(0)} MB ${text ? "text without blank lines" : "JSONL"}, --jobs ${jobs ?? "default"}, ~${words.toLocaleString("en-US")} words: ${seconds.toFixed(1)} s = ${Math.round(words / seconds).toLocaleString("en-US")} words/s${peak} (exit ${child.status})`);
} finally {
  rmSync(path, { force: true });
}
