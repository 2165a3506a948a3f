/** Amazon Rekognition: labels, text, faces and moderation of one image, with boxes drawn over it. */
import { api, type Json, toBase64 } from '../api';
import { messages } from '../i18n';
import { REKOGNITION } from '../messages/rekognition';
import {
  actions,
  type Box,
  badge,
  button,
  field,
  fileChoice,
  form,
  fromApi,
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

const t = messages(REKOGNITION);

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
        imageWithBoxes(src, t('altLabels'), boxes),
        table(
          [t('label'), t('confidence'), t('boxes')],
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
          t('labelCount', { count: labels.length }),
        ),
      ];
    }
    case 'text': {
      const lines = body.lines as TextLine[];
      const boxes = lines.filter((l) => l.boundingBox).map((l) => ({ box: l.boundingBox!, label: l.text }));
      return [
        imageWithBoxes(src, t('altText'), boxes),
        table(
          [t('line'), t('confidence'), t('words')],
          lines.map((l) => [l.text, conf(l.confidence), l.words.join(' ')]),
          t('lineCount', { lines: lines.length, words: Number(body.wordCount) }),
        ),
      ];
    }
    case 'faces': {
      const faces = body.faces as Face[];
      const boxes = faces
        .filter((f) => f.boundingBox)
        .map((f, i) => ({ box: f.boundingBox!, label: t('face', { n: i + 1 }) }));
      return [
        imageWithBoxes(src, t('altFaces'), boxes),
        faces.length
          ? table(
              [t('faceColumn'), t('age'), t('expression'), t('attributes')],
              faces.map((f, i) => [
                `${t('face', { n: i + 1 })} (${conf(f.confidence)})`,
                f.ageRange ? `${f.ageRange.low}–${f.ageRange.high}` : '',
                f.topEmotion ? `${f.topEmotion.type.toLowerCase()} ${conf(f.topEmotion.confidence)}` : '',
                Object.entries(f.attributes)
                  .filter(([, a]) => a.value)
                  .map(([k]) => k)
                  .join(', '),
              ]),
              t('faceCount', { count: faces.length }),
            )
          : h('p', {}, t('noFaces')),
        ...(body.notes as string[]).map((n) => h('p', { class: 'meta' }, fromApi(n))),
      ];
    }
    case 'moderation': {
      const labels = body.labels as { name: string; parent?: string; confidence: number }[];
      return [
        h(
          'p',
          { class: 'verdict' },
          t('verdict'),
          badge(String(body.verdict), body.flagged ? 'bad' : 'ok'),
          body.minConfidence !== undefined
            ? t('atConfidence', { confidence: Number(body.minConfidence) })
            : '',
        ),
        labels.length
          ? table(
              [t('label'), t('parent'), t('confidence')],
              labels.map((l) => [l.name, l.parent ?? '', conf(l.confidence)]),
            )
          : null,
        h('p', { class: 'meta' }, fromApi(String(body.note ?? ''))),
        typeof body.notice === 'string' ? notice('info', fromApi(body.notice)) : null,
      ].filter((n): n is HTMLElement => n !== null);
    }
    default:
      return [];
  }
}

export const mountRekognition: MountPanel = (body) => {
  const image = fileChoice({
    legend: t('image'),
    samples: [['street-scene.jpg', t('sampleStreet')]],
    accept: 'image/png,image/jpeg',
    ownHint: t('ownHint'),
  });
  const maxLabels = input('number', '10', { min: 1, max: 100 });
  const minConfidence = input('number', '70', { min: 0, max: 100 });
  const out = new Output(t('output'));
  const preview = () =>
    out.show(
      h('figure', { class: 'image-boxes' }, h('img', { src: image.previewUrl(), alt: t('altPreview') })),
    );
  image.onChange(preview);
  preview();

  const run = (action: string) => {
    const src = image.previewUrl();
    void out.run(t('calling'), async () => {
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
        field(t('mostLabels'), maxLabels),
        field(t('minConfidence'), minConfidence, t('minConfidenceHint')),
      ),
      actions(
        button(t('labels'), { value: 'labels' }),
        button(t('text'), { value: 'text', kind: 'secondary' }),
        button(t('faces'), { value: 'faces', kind: 'secondary' }),
        button(t('moderation'), { value: 'moderation', kind: 'secondary' }),
      ),
    ),
    out.el,
  );
};
