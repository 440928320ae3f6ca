import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { PngWriter, type PixelSource } from '../../src/exports/png-encoder.js';

/** A whole canvas as one band of rows. */
async function encodeOpaquePng(canvas: PixelSource & { readonly height: number }): Promise<Buffer> {
  const png = new PngWriter(canvas.width, canvas.height);
  await png.writeRows(canvas, canvas.height);
  return png.end();
}

/** An opaque picture with edges, gradients and text: what a chart holds. */
function drawPicture(width: number, height: number) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#2f6fb3');
  gradient.addColorStop(1, '#f0a030');
  ctx.fillStyle = gradient;
  ctx.fillRect(10, 10, width - 20, height / 3);
  ctx.fillStyle = '#1f2933';
  ctx.font = '15px sans-serif';
  for (let y = height / 2; y < height; y += 17) ctx.fillText(`row ${y} 0123456789`, 12 + (y % 7), y);
  return canvas;
}

function pixelsOf(image: Awaited<ReturnType<typeof loadImage>>): Buffer {
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return Buffer.from(canvas.data());
}

describe('encodeOpaquePng', () => {
  it('writes a PNG that decodes to exactly the canvas pixels', async () => {
    const canvas = drawPicture(333, 217);
    const png = await encodeOpaquePng(canvas);
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([333, 217]);
    expect(pixelsOf(image).equals(Buffer.from(canvas.data()))).toBe(true);
  });

  it('writes chunks that a strict PNG checker accepts, CRCs included', async () => {
    const png = await encodeOpaquePng(drawPicture(120, 90));
    // Walk the chunks and check each CRC-32 ourselves, so a wrong CRC fails even if a lenient decoder reads it.
    const { crc32 } = await import('node:zlib');
    const types: string[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      const typeAndData = png.subarray(at + 4, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typeAndData));
      types.push(typeAndData.subarray(0, 4).toString('latin1'));
      at += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    const python = (() => {
      try {
        return (execFileSync('python3', ['-c', 'import zlib'], { stdio: 'ignore' }), true);
      } catch {
        return false;
      }
    })();
    if (!python) return;
    // Decompress the image data independently of Node and check the scanline layout: a filter byte, then RGBA.
    const dir = mkdtempSync(join(tmpdir(), 'png-'));
    writeFileSync(join(dir, 'a.png'), png);
    const script = [
      'import struct,zlib,sys',
      `d=open(${JSON.stringify(join(dir, 'a.png'))},'rb').read()`,
      'w,h=struct.unpack(">II",d[16:24]); n=struct.unpack(">I",d[33:37])[0]',
      'raw=zlib.decompress(d[41:41+n])',
      'print(w,h,len(raw)==h*(w*4+1),all(raw[r*(w*4+1)]==0 for r in range(h)))',
    ].join('\n');
    expect(execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim()).toBe('120 90 True True');
  });

  it('keeps the canvas alive while zlib reads its pixels, even when nothing else refers to it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // The canvas is only referred to by the encoder; collecting it mid-way would free the pixels being read.
    const encoding = encodeOpaquePng(drawPicture(1100, 3000));
    let settled = false;
    const result = encoding.finally(() => (settled = true));
    while (!settled) {
      gc();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const image = await loadImage(await result);
    expect(image.height).toBe(3000);
  });
});
