#!/bin/sh
# Remake every sample file in packages/testing/media/ and then src/media/files.generated.ts.
# Needs ffmpeg (with libx264, libvpx, libopus; libmp3lame optional), python3 and node.
# Run from anywhere: sh packages/testing/media/make-media.sh
set -eu
cd "$(dirname "$0")"

# Flags that keep ffmpeg quiet and its output as reproducible as it can be (no encoder tags, no metadata).
Q="-hide_banner -loglevel error -y"
BITEXACT="-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact"

# A bold sans font for labels, if fontconfig finds one; without it the files are made without text.
FONT="$(fc-match -f '%{file}' 'DejaVu Sans:bold' 2>/dev/null || true)"
if [ -n "$FONT" ] && [ -f "$FONT" ]; then
  label() { # label TEXT SIZE Y-EXPRESSION
    printf ',drawtext=fontfile=%s:text=%s:fontsize=%s:fontcolor=white:borderw=%s:bordercolor=0x1e1b4b:x=(w-text_w)/2:y=%s' \
      "$FONT" "$1" "$2" "$(( $2 / 24 + 1 ))" "$3"
  }
else
  echo "make-media.sh: no font found, making files without text labels" >&2
  label() { :; }
fi

# image.png: 512x512 diagonal gradient with "TaskKit".
ffmpeg $Q -f lavfi -i "gradients=s=512x512:c0=0x4f46e5:c1=0x06b6d4:x0=0:y0=0:x1=512:y1=512:n=2:seed=1,format=rgb24$(label TaskKit 96 '(h-text_h)/2')" \
  -frames:v 1 $BITEXACT image.png

# The sound of every file: 2 s 440 Hz sine, with 50 ms fades so it does not click.
TONE="sine=frequency=440:sample_rate=48000:duration=2,volume=2,afade=t=in:d=0.05,afade=t=out:st=1.95:d=0.05"

# video.mp4 / video.webm: 2 s, 320x180, 12 fps test pattern with a running clock, plus the tone (mono).
VIDEO_SRC="testsrc2=s=320x180:r=12:d=2$(label TaskKit 28 'h-text_h-8'),format=yuv420p"
ffmpeg $Q -f lavfi -i "$VIDEO_SRC" -f lavfi -i "$TONE" -map 0:v -map 1:a \
  -c:v libx264 -profile:v baseline -level 3.0 -preset veryslow -crf 30 -g 24 -pix_fmt yuv420p \
  -c:a aac -b:a 32k -ac 1 -shortest -movflags +faststart $BITEXACT video.mp4
ffmpeg $Q -f lavfi -i "$VIDEO_SRC" -f lavfi -i "$TONE" -map 0:v -map 1:a \
  -c:v libvpx -b:v 120k -crf 24 -deadline good -cpu-used 0 -g 24 -auto-alt-ref 0 \
  -c:a libopus -b:a 24k -ac 1 -shortest $BITEXACT video.webm

# audio.m4a / audio.ogg / audio.mp3: the tone alone, mono.
ffmpeg $Q -f lavfi -i "$TONE" -c:a aac -b:a 32k -ac 1 -movflags +faststart $BITEXACT audio.m4a
ffmpeg $Q -f lavfi -i "$TONE" -c:a libopus -b:a 24k -ac 1 $BITEXACT audio.ogg
if ffmpeg -hide_banner -encoders 2>/dev/null | grep -q libmp3lame; then
  ffmpeg $Q -f lavfi -i "$TONE" -c:a libmp3lame -b:a 32k -ac 1 -write_xing 1 -id3v2_version 0 $BITEXACT audio.mp3
else
  echo "make-media.sh: ffmpeg has no libmp3lame, skipping audio.mp3" >&2
  rm -f audio.mp3
fi

# model.glb: a coloured cube, written and checked by make-glb.py (python3, standard library only).
python3 make-glb.py model.glb

# view-*.png: four 256x256 multiview stills, one colour and label per side.
view() { # view NAME COLOUR LABEL CAPTION
  ffmpeg $Q -f lavfi -i "color=c=$2:s=256x256:d=1,format=rgb24,drawbox=x=64:y=64:w=128:h=128:color=white@0.25:t=fill,drawbox=x=64:y=64:w=128:h=128:color=white:t=4$(label "$3" 40 '(h-text_h)/2')$(label "$4" 20 'h-text_h-14')" \
    -frames:v 1 $BITEXACT "view-$1.png"
}
view front 0x4f46e5 FRONT 'view 1/4'
view left 0x059669 LEFT 'view 2/4'
view back 0x0891b2 BACK 'view 3/4'
view right 0xd97706 RIGHT 'view 4/4'

node ../scripts/generate-media-module.mjs
