#!/usr/bin/env bash
# Regenerates the binary sample inputs in samples/ (images, PDFs, audio).
# The JSON request bodies in samples/prompts/ and samples/text/ are hand-written and are not touched.
#
# Needs (Debian/Ubuntu): apt-get install imagemagick ghostscript fonts-dejavu-core fonts-noto-cjk espeak-ng sox lame poppler-utils
# Safe to run again: every output is rewritten from scratch, with timestamps stripped where the tool allows.
#
#   bash samples/make-samples.sh              every sample
#   bash samples/make-samples.sh invoice-ko   only the Korean invoice (needs imagemagick and fonts-noto-cjk)
set -euo pipefail

cd "$(dirname "$0")"

# ---------------------------------------------------------------------------
# The invoice layout both invoice samples share: 1000x700, black on white; a title, a company line, four
# "key: value" fields, a 4-column table of a header and 3 rows, a footer. Texts in this order:
#   title company key1..key4 value1..value4 header1..header4 row1(4 cells) row2 row3 footer
# ---------------------------------------------------------------------------
draw_invoice() {
  local font=$1 bold=$2 out=$3
  shift 3
  local t=("$@")
  [ "${#t[@]}" -eq 27 ] || { echo "draw_invoice: 27 texts expected, got ${#t[@]}" >&2; exit 1; }
  convert -size 1000x700 xc:white \
    -fill black -stroke none \
    -font "$bold" -pointsize 40 -draw "text 60,80 '${t[0]}'" \
    -font "$font" -pointsize 20 -draw "text 60,115 '${t[1]}'" \
    -stroke black -strokewidth 2 -draw "line 60,135 940,135" -stroke none \
    -font "$bold" -pointsize 24 \
    -draw "text 60,185 '${t[2]}'" \
    -draw "text 60,225 '${t[3]}'" \
    -draw "text 60,265 '${t[4]}'" \
    -draw "text 60,305 '${t[5]}'" \
    -font "$font" -pointsize 24 \
    -draw "text 290,185 '${t[6]}'" \
    -draw "text 290,225 '${t[7]}'" \
    -draw "text 290,265 '${t[8]}'" \
    -draw "text 290,305 '${t[9]}'" \
    -fill none -stroke black -strokewidth 2 \
    -draw "rectangle 60,350 940,590" \
    -draw "line 60,410 940,410" \
    -draw "line 60,470 940,470" \
    -draw "line 60,530 940,530" \
    -draw "line 480,350 480,590" \
    -draw "line 600,350 600,590" \
    -draw "line 770,350 770,590" \
    -fill black -stroke none \
    -font "$bold" -pointsize 24 \
    -draw "text 80,390 '${t[10]}'" -draw "text 500,390 '${t[11]}'" \
    -draw "text 620,390 '${t[12]}'" -draw "text 790,390 '${t[13]}'" \
    -font "$font" -pointsize 24 \
    -draw "text 80,450 '${t[14]}'" -draw "text 500,450 '${t[15]}'" -draw "text 620,450 '${t[16]}'" -draw "text 790,450 '${t[17]}'" \
    -draw "text 80,510 '${t[18]}'" -draw "text 500,510 '${t[19]}'" -draw "text 620,510 '${t[20]}'" -draw "text 790,510 '${t[21]}'" \
    -draw "text 80,570 '${t[22]}'" -draw "text 500,570 '${t[23]}'" -draw "text 620,570 '${t[24]}'" -draw "text 790,570 '${t[25]}'" \
    -font "$font" -pointsize 18 -draw "text 60,650 '${t[26]}'" \
    -colorspace Gray "$out"
}

# Reduced to 16 grey levels without dithering (dither speckles the ruled lines): a 4-bit greyscale PNG.
four_bit_png() {
  convert "$1" -colorspace Gray -depth 4 -type Grayscale -strip -define png:exclude-chunks=date,time "$2"
}

# ---------------------------------------------------------------------------
# 1b. invoice-form.ko.png  (Bedrock: POST /bedrock/read-document; Textract does not read Korean)
# ---------------------------------------------------------------------------
# The English invoice's layout with Korean text (Noto Sans CJK, which has every Hangul syllable): title,
# four "key: value" fields, a 4-column table of 3 rows + header, a footer. Made-up company and customer
# (홍길동 is the Korean placeholder name). The amounts add up: 49,500 + 64,000 + 59,200 = 172,700원.
korean_invoice() {
  local cjk=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  local cjk_bold=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
  for f in "$cjk" "$cjk_bold"; do
    [ -f "$f" ] || { echo "missing font: $f (apt-get install fonts-noto-cjk)" >&2; exit 1; }
  done
  local out
  out=$(mktemp -d)
  draw_invoice "$cjk" "$cjk_bold" "$out/invoice-ko.png" \
    '청구서' '예시 실습 용품(주), 서울특별시 강남구 클라우드로 12' \
    '청구서 번호:' '날짜:' '고객:' '합계:' 'KO-2024-0042' '2024-05-14' '홍길동' '172,700원' \
    '품목' '수량' '단가' '금액' \
    'USB-C 케이블' '3' '16,500' '49,500' \
    '무선 마우스' '2' '32,000' '64,000' \
    '노트북 거치대' '1' '59,200' '59,200' \
    '결제 기한: 발행일로부터 30일. 이용해 주셔서 감사합니다.'
  # As the English PNG: 16 grey levels without dithering, a 4-bit greyscale PNG without dates.
  four_bit_png "$out/invoice-ko.png" invoice-form.ko.png
  rm -rf "$out"
  ls -l invoice-form.ko.png
}

if [ "${1:-}" = "invoice-ko" ]; then
  command -v convert >/dev/null || { echo "missing tool: convert (apt-get install imagemagick)" >&2; exit 1; }
  korean_invoice
  exit 0
fi

for tool in convert gs espeak-ng sox soxi lame pdfinfo; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
FONT_BOLD=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
FONT_MONO=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
for f in "$FONT" "$FONT_BOLD" "$FONT_MONO"; do
  [ -f "$f" ] || { echo "missing font: $f (apt-get install fonts-dejavu-core)" >&2; exit 1; }
done

# Keep PDF dates fixed so a rebuild does not change the file for no reason.
export SOURCE_DATE_EPOCH=1704067200 # 2024-01-01T00:00:00Z

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------------------
# 1. invoice-form.png / invoice-form.jpg  (Textract: AnalyzeDocument FORMS + TABLES)
# ---------------------------------------------------------------------------
# 1000x700, black on white; title, four "Key: Value" fields, a 4-column table of 3 rows + header.
draw_invoice "$FONT" "$FONT_BOLD" "$tmp/invoice.png" \
  'INVOICE' 'Example Lab Supplies Ltd., 12 Cloud Street, Seattle WA' \
  'Invoice number:' 'Date:' 'Customer:' 'Total:' 'INV-2024-0042' '2024-05-14' 'Jane Doe' 'USD 130.50' \
  'Item' 'Qty' 'Unit price' 'Amount' \
  'USB-C cable' '3' '12.50' '37.50' \
  'Wireless mouse' '2' '24.00' '48.00' \
  'Laptop stand' '1' '45.00' '45.00' \
  'Payment due within 30 days. Thank you for your business.'
four_bit_png "$tmp/invoice.png" invoice-form.png
convert "$tmp/invoice.png" -colorspace Gray -strip -quality 80 invoice-form.jpg
korean_invoice

# ---------------------------------------------------------------------------
# 2. one-page.pdf / two-page.pdf  (Textract: DetectDocumentText / AnalyzeDocument on PDFs)
# ---------------------------------------------------------------------------
# Real text PDFs (selectable text, embedded fonts): PostScript written here, turned into PDF by
# Ghostscript. (ImageMagick's PDF coder is often disabled by policy, and would make an image PDF.)
ps_prolog() {
  cat <<'PS'
%!PS-Adobe-3.0
%%BoundingBox: 0 0 595 842
<< /PageSize [595 842] >> setpagedevice
/F  { /Helvetica findfont exch scalefont setfont } def
/FB { /Helvetica-Bold findfont exch scalefont setfont } def
/T  { moveto show } def                       % (text) x y T
/L  { newpath moveto lineto stroke } def      % x1 y1 x2 y2 L
/Table {                                      % y-top of a 3-column, 4-line table
  /top exch def
  1 setlinewidth
  60 top 535 top L
  60 top 30 sub 535 top 30 sub L
  60 top 60 sub 535 top 60 sub L
  60 top 90 sub 535 top 90 sub L
  60 top 120 sub 535 top 120 sub L
  60 top 60 top 120 sub L
  300 top 300 top 120 sub L
  420 top 420 top 120 sub L
  535 top 535 top 120 sub L
} def
PS
}

{
  ps_prolog
  cat <<'PS'
22 FB (AI Services Lab - Sample Document) 60 770 T
12 F
(This one-page PDF is a test input for Amazon Textract. It holds a short) 60 730 T
(paragraph of printed text and a small table, so both text detection and) 60 714 T
(table analysis have something to find. Every word here is real text, not) 60 698 T
(a picture of text, which is what most business documents look like.) 60 682 T
14 FB (Service prices \(example\)) 60 640 T
620 Table
12 FB (Service) 70 600 T (Unit) 310 600 T (Price) 430 600 T
12 F
(Amazon Comprehend) 70 570 T (100 characters) 310 570 T (USD 0.0001) 430 570 T
(Amazon Translate) 70 540 T (1 character) 310 540 T (USD 0.000015) 430 540 T
(Amazon Polly) 70 510 T (1 character) 310 510 T (USD 0.000016) 430 510 T
10 F (Prices are illustrative only; see the AWS pricing pages for current values.) 60 470 T
showpage
%%EOF
PS
} > "$tmp/one-page.ps"

{
  ps_prolog
  cat <<'PS'
20 FB (Page 1 of 2 - Generative AI overview) 60 770 T
12 F
(Page 1 of 2. Generative AI models learn patterns from large amounts of data) 60 730 T
(and use them to create new text, images or audio. Foundation models are) 60 714 T
(pre-trained on broad data and then adapted with prompts, retrieval or) 60 698 T
(fine-tuning. Continue on page 2 for the AWS services that run them.) 60 682 T
showpage
20 FB (Page 2 of 2 - AWS services) 60 770 T
12 F
(Page 2 of 2. Amazon Bedrock offers foundation models through one API.) 60 730 T
(Amazon SageMaker trains and hosts your own models, and the AI services) 60 714 T
(such as Textract, Rekognition and Transcribe solve one task each.) 60 698 T
620 Table
12 FB (Layer) 70 600 T (Example) 310 600 T (Pricing) 430 600 T
12 F
(Generative AI) 70 570 T (Amazon Bedrock) 310 570 T (per token) 430 570 T
(AI services) 70 540 T (Amazon Textract) 310 540 T (per page) 430 540 T
(ML framework) 70 510 T (SageMaker) 310 510 T (per hour) 430 510 T
showpage
%%EOF
PS
} > "$tmp/two-page.ps"

for name in one-page two-page; do
  gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 \
    -dEmbedAllFonts=true -dSubsetFonts=true -sOutputFile="$name.pdf" \
    -c '<< /NeverEmbed [ ] >> setdistillerparams' -f "$tmp/$name.ps"
done
[ "$(pdfinfo one-page.pdf | awk '/^Pages:/ {print $2}')" = 1 ] || { echo "one-page.pdf is not 1 page" >&2; exit 1; }
[ "$(pdfinfo two-page.pdf | awk '/^Pages:/ {print $2}')" = 2 ] || { echo "two-page.pdf is not 2 pages" >&2; exit 1; }

# ---------------------------------------------------------------------------
# 3. street-scene.jpg  (Rekognition: DetectLabels, DetectText)
# ---------------------------------------------------------------------------
# Drawn, not photographed: sky, sun, house with a CAFE sign, tree, car on a road, STOP sign.
W=800 H=500
convert -seed 42 -size "${W}x300" gradient:'#4a90d9-#cfe8ff' \
  -size "${W}x200" gradient:'#5aa34a-#3d7a32' -append \
  -fill '#ffd93b' -stroke '#f5b800' -strokewidth 3 -draw "circle 690,80 690,125" \
  -stroke none \
  -fill '#ffffff' -draw "ellipse 170,70 60,22 0,360" -draw "ellipse 215,60 45,25 0,360" -draw "ellipse 480,95 55,18 0,360" \
  -fill '#555a60' -draw "polygon 0,390 800,390 800,500 0,500" \
  -fill '#f2f2f2' -draw "rectangle 40,440 120,448" -draw "rectangle 200,440 280,448" \
  -draw "rectangle 360,440 440,448" -draw "rectangle 520,440 600,448" -draw "rectangle 680,440 760,448" \
  -fill '#c9a27a' -stroke '#6b4e2e' -strokewidth 2 -draw "rectangle 60,200 330,380" \
  -fill '#a83232' -draw "polygon 40,205 195,110 350,205" \
  -fill '#7a4a26' -draw "rectangle 170,285 225,380" \
  -fill '#e8d36a' -draw "circle 215,335 215,339" \
  -fill '#9fd3f2' -stroke '#ffffff' -strokewidth 4 \
  -draw "rectangle 85,230 145,280" -draw "rectangle 250,230 310,280" \
  -draw "line 115,230 115,280" -draw "line 85,255 145,255" \
  -draw "line 280,230 280,280" -draw "line 250,255 310,255" \
  -stroke none -fill '#1e3a5f' -draw "rectangle 140,160 250,195" \
  -fill white -font "$FONT_BOLD" -pointsize 28 -draw "text 158,189 'CAFE'" \
  -fill '#6b4423' -draw "rectangle 405,250 430,385" \
  -fill '#2f7d2a' -draw "circle 418,215 418,160" -draw "circle 380,245 380,205" -draw "circle 458,245 458,205" \
  -fill '#3a9634' -draw "circle 418,185 418,150" \
  -fill '#8a8f96' -draw "rectangle 640,260 648,392" \
  -fill '#cc1f1f' -stroke white -strokewidth 4 \
  -draw "polygon 624,170 664,170 692,198 692,238 664,266 624,266 596,238 596,198" \
  -stroke none -fill white -font "$FONT_BOLD" -pointsize 26 -draw "text 609,228 'STOP'" \
  -fill '#1d5fbf' -stroke '#123d7a' -strokewidth 2 \
  -draw "roundrectangle 460,370 640,420 12,12" \
  -draw "polygon 495,372 520,335 585,335 612,372" \
  -fill '#cfe6f7' -stroke none -draw "polygon 505,368 525,342 550,342 550,368" -draw "polygon 556,368 556,342 582,342 600,368" \
  -fill '#fff3a0' -draw "rectangle 630,382 640,394" \
  -fill '#d93a3a' -draw "rectangle 460,382 468,394" \
  -fill '#1a1a1a' -draw "circle 505,420 505,444" -draw "circle 600,420 600,444" \
  -fill '#b8b8b8' -draw "circle 505,420 505,430" -draw "circle 600,420 600,430" \
  -blur 0x0.7 -attenuate 0.25 +noise Gaussian \
  -strip -sampling-factor 4:2:0 -quality 82 street-scene.jpg

# ---------------------------------------------------------------------------
# 4. hello-en.wav / hello-en.mp3  (Transcribe)
# ---------------------------------------------------------------------------
SPEECH="Hello! Amazon Transcribe turns speech into text."
espeak-ng -v en-us -s 170 -w "$tmp/speech.wav" "$SPEECH"
# 16 kHz, mono, 16-bit PCM; leading/trailing silence trimmed, a 0.15 s pad kept at each end.
sox -R "$tmp/speech.wav" -r 16000 -c 1 -b 16 hello-en.wav \
  silence 1 0.05 0.5% reverse silence 1 0.05 0.5% reverse pad 0.15 0.15
lame --quiet -m m -b 32 --resample 16 hello-en.wav hello-en.mp3

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
ls -l invoice-form.png invoice-form.jpg one-page.pdf two-page.pdf street-scene.jpg hello-en.wav hello-en.mp3
printf 'hello-en.wav: %s Hz, %s s\n' "$(soxi -r hello-en.wav)" "$(soxi -D hello-en.wav)"
printf 'hello-en.mp3: %s Hz, %s s\n' "$(soxi -r hello-en.mp3)" "$(soxi -D hello-en.mp3)"
