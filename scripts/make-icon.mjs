// Draws the extension's icon, media/icon.png (128×128 RGBA): a small pipeline DAG (four steps, one branching and
// joining again) on a rounded tile. Plain Node (node:zlib writes the PNG), 4×4 supersampling for smooth edges.
// Run `node scripts/make-icon.mjs` after changing it; the PNG is committed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { ROOT } from "./esbuild-plugins.mjs";

const SIZE = 128;
const SAMPLES = 4;
const TILE = [22, 58, 84]; // deep blue
const EDGE = [126, 200, 227]; // light blue
const STEP = [255, 255, 255];
const DONE = [255, 153, 0]; // the last step: orange

const nodes = [
  { x: 30, y: 64, color: STEP },
  { x: 64, y: 34, color: STEP },
  { x: 64, y: 94, color: STEP },
  { x: 98, y: 64, color: DONE },
];
const edges = [
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 3],
];

const insideRoundedSquare = (x, y, margin, radius) => {
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius && x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin;
};
const distanceToSegment = (x, y, a, b) => {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((x - a.x) * vx + (y - a.y) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (a.x + t * vx), y - (a.y + t * vy));
};

/** The colour at a point, or undefined outside the tile (transparent). */
function colorAt(x, y) {
  if (!insideRoundedSquare(x, y, 4, 22)) return undefined;
  for (const node of nodes) {
    const d = Math.hypot(x - node.x, y - node.y);
    if (d <= 13) return node.color;
    if (d <= 17) return TILE; // a ring of the tile's colour keeps the edges off the nodes
  }
  if (edges.some(([from, to]) => distanceToSegment(x, y, nodes[from], nodes[to]) <= 3.5)) return EDGE;
  return TILE;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++)
      for (let sx = 0; sx < SAMPLES; sx++) {
        const color = colorAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!color) continue;
        for (let i = 0; i < 3; i++) sum[i] += color[i];
        sum[3] += 255;
      }
    const covered = sum[3] / 255;
    for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = covered ? Math.round(sum[i] / covered) : 0;
    row[1 + px * 4 + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
writeFileSync(join(ROOT, "media", "icon.png"), png);
