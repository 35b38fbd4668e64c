import sharp from 'sharp';

/** A photo with EXIF (camera make and model, a location in the copyright) that must not survive upload. */
export async function testPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Secret 9000', Copyright: 'GPS 31.2304N 121.4737E' },
    })
    .toBuffer();
}
