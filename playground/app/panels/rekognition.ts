/** Amazon Rekognition: labels, text, faces and moderation of one image, with boxes drawn over it. */
import { api, type Json, toBase64 } from '../api';
import {
  actions,
  type Box,
  badge,
  button,
  field,
  fileChoice,
  form,
  h,
  imageWithBoxes,
  input,
  type MountPanel,
  notice,
  Output,
  row,
  table,
  usageLine,
} from '../ui';

interface Label {
  name: string;
  confidence: number;
  parents: string[];
  instances: { boundingBox: Box; confidence: number }[];
}
interface TextLine {
  text: string;
  confidence: number;
  boundingBox?: Box;
  words: string[];
}
interface Face {
  boundingBox?: Box;
  confidence: number;
  ageRange?: { low: number; high: number };
  topEmotion?: { type: string; confidence: number };
  attributes: Record<string, { value: boolean; confidence: number }>;
}

const conf = (n: number) => `${n.toFixed(1)}%`;

function render(action: string, body: Json, src: string): Node[] {
  switch (action) {
    case 'labels': {
      const labels = body.labels as Label[];
      const boxes = labels.flatMap((l) =>
        l.instances.map((i) => ({ box: i.boundingBox, label: `${l.name} ${Math.round(i.confidence)}%` })),
      );
      return [
        imageWithBoxes(src, 'The analysed image with a box around each located object', boxes),
        table(
          ['Label', 'Confidence', 'Boxes'],
          labels.map((l) => [
            h(
              'span',
              {},
              l.name,
              l.parents.length ? h('span', { class: 'meta' }, ` (${l.parents.join(', ')})`) : null,
            ),
            conf(l.confidence),
            String(l.instances.length),
          ]),
          `${labels.length} labels`,
        ),
      ];
    }
    case 'text': {
      const lines = body.lines as TextLine[];
      const boxes = lines.filter((l) => l.boundingBox).map((l) => ({ box: l.boundingBox!, label: l.text }));
      return [
        imageWithBoxes(src, 'The analysed image with a box around each line of text', boxes),
        table(
          ['Line', 'Confidence', 'Words'],
          lines.map((l) => [l.text, conf(l.confidence), l.words.join(' ')]),
          `${lines.length} lines, ${body.wordCount} words`,
        ),
      ];
    }
    case 'faces': {
      const faces = body.faces as Face[];
      const boxes = faces
        .filter((f) => f.boundingBox)
        .map((f, i) => ({ box: f.boundingBox!, label: `Face ${i + 1}` }));
      return [
        imageWithBoxes(src, 'The analysed image with a box around each face', boxes),
        faces.length
          ? table(
              ['Face', 'Age', 'Expression', 'Attributes'],
              faces.map((f, i) => [
                `Face ${i + 1} (${conf(f.confidence)})`,
                f.ageRange ? `${f.ageRange.low}–${f.ageRange.high}` : '',
                f.topEmotion ? `${f.topEmotion.type.toLowerCase()} ${conf(f.topEmotion.confidence)}` : '',
                Object.entries(f.attributes)
                  .filter(([, a]) => a.value)
                  .map(([k]) => k)
                  .join(', '),
              ]),
              `${faces.length} faces`,
            )
          : h('p', {}, 'No faces found.'),
        ...(body.notes as string[]).map((n) => h('p', { class: 'meta' }, n)),
      ];
    }
    case 'moderation': {
      const labels = body.labels as { name: string; parent?: string; confidence: number }[];
      return [
        h(
          'p',
          { class: 'verdict' },
          'Verdict ',
          badge(String(body.verdict), body.flagged ? 'bad' : 'ok'),
          body.minConfidence !== undefined ? ` at ${body.minConfidence}% confidence or more` : '',
        ),
        labels.length
          ? table(
              ['Label', 'Parent', 'Confidence'],
              labels.map((l) => [l.name, l.parent ?? '', conf(l.confidence)]),
            )
          : null,
        h('p', { class: 'meta' }, String(body.note ?? '')),
        typeof body.notice === 'string' ? notice('info', body.notice) : null,
      ].filter((n): n is HTMLElement => n !== null);
    }
    default:
      return [];
  }
}

export const mountRekognition: MountPanel = (body) => {
  const image = fileChoice({
    legend: 'Image',
    samples: [['street-scene.jpg', 'street-scene.jpg (a house, a tree, a car, signs)']],
    accept: 'image/png,image/jpeg',
    ownHint: 'PNG or JPEG, at least 80 px a side, up to about 4.4 MB.',
  });
  const maxLabels = input('number', '10', { min: 1, max: 100 });
  const minConfidence = input('number', '70', { min: 0, max: 100 });
  const out = new Output('Rekognition results');
  const preview = () =>
    out.show(
      h(
        'figure',
        { class: 'image-boxes' },
        h('img', { src: image.previewUrl(), alt: 'The image to analyse' }),
      ),
    );
  image.onChange(preview);
  preview();

  const run = (action: string) => {
    const src = image.previewUrl();
    void out.run('Calling Amazon Rekognition…', async () => {
      const request: Json = { image: await toBase64(await image.get()) };
      if (action === 'labels') {
        request.maxLabels = Number(maxLabels.value);
        request.minConfidence = Number(minConfidence.value);
      }
      const reply = await api('POST', `/rekognition/${action}`, { body: request });
      const [picture, ...details] = render(action, reply.body, src);
      return [
        action === 'moderation'
          ? [picture, ...details]
          : h('div', { class: 'side-by-side' }, picture, h('div', {}, ...details)),
        usageLine(reply.body, reply.latencyMs),
      ].flat();
    });
  };

  body.append(
    form(
      run,
      image.el,
      row(
        field('Most labels', maxLabels),
        field('Minimum confidence (%)', minConfidence, 'For labels; moderation uses 50.'),
      ),
      actions(
        button('Labels', { value: 'labels' }),
        button('Text', { value: 'text', kind: 'secondary' }),
        button('Faces', { value: 'faces', kind: 'secondary' }),
        button('Moderation', { value: 'moderation', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
