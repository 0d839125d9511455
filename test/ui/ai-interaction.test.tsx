// A purpose in which the visitor interacts with an AI system says so before the interaction, in plain words
// (AI Act Art. 50(1), docs/compliance.md I36): in the first layer's brief of the purpose and in the preference
// center, before its switch. The placeholder of an embed gated on it: test/core/integrations.test.ts.
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/types';
import { testConfig } from './fake-host';
import { click, run, setup } from './helpers';

const CHAT = 'You will chat with an AI system, not a person.';
const VOICE = 'You will speak with an AI system, not a person.';

/** The test config with a chat assistant and a voice bot after its purposes; `personalization` stays an AI purpose without interaction. */
function withAssistants(): ResolvedConfig {
  const config = testConfig();
  const assistant = (id: string, title: { en: string; fr: string }, interaction: string) => ({
    id,
    required: false,
    sensitive: false,
    title,
    description: { en: 'Answers your questions about products.', fr: 'Répond à vos questions sur les produits.' },
    dataCategories: ['communications'],
    ai: { summary: 'A language model answers you.', inputs: ['communications'], output: 'answers', interaction },
  });
  config.purposes.push(
    assistant('assistant', { en: 'Shopping assistant', fr: 'Assistant d’achat' }, 'chat'),
    assistant('phone', { en: 'Phone line', fr: 'Ligne téléphonique' }, 'voice'),
  );
  return config;
}

const purposeItem = (root: ShadowRoot, title: string) =>
  Array.from(root.querySelectorAll<HTMLElement>('.purpose')).find((li) => li.querySelector('h3')!.textContent!.startsWith(title))!;
/** The paragraphs of `scope` whose whole text is `text`, outside a hidden panel. */
const shown = (scope: Element, text: string) =>
  Array.from(scope.querySelectorAll('p')).filter((p) => p.textContent == text && !p.closest('[hidden]'));
const precedes = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('an AI system the visitor interacts with, in the preference center', () => {
  it('is said before the switch, without opening anything: chatting for `chat`, speaking for `voice`', async () => {
    const { ui, root, switchFor } = setup(withAssistants());
    await run(() => ui.show('preferences'));
    const [chat] = shown(purposeItem(root, 'Shopping assistant'), CHAT);
    expect(chat).toBeDefined();
    expect(precedes(chat, switchFor('Shopping assistant'))).toBe(true);
    const [voice] = shown(purposeItem(root, 'Phone line'), VOICE);
    expect(voice).toBeDefined();
    expect(precedes(voice, switchFor('Phone line'))).toBe(true);
    // One sentence per such purpose; an AI purpose the visitor does not interact with says neither.
    expect(root.textContent!.split(CHAT)).toHaveLength(2);
    expect(root.textContent!.split(VOICE)).toHaveLength(2);
    expect(purposeItem(root, 'Personalized recommendations').textContent).not.toMatch(/AI system/);
  });

  it('is in the visitor’s language', async () => {
    const { ui, root } = setup(withAssistants(), { language: 'fr' });
    await run(() => ui.show('preferences'));
    expect(shown(purposeItem(root, 'Assistant d’achat'), 'Vous écrirez à un système d’IA, pas à une personne.')).toHaveLength(1);
    expect(shown(purposeItem(root, 'Ligne téléphonique'), 'Vous parlerez à un système d’IA, pas à une personne.')).toHaveLength(1);
  });

  it('takes the config’s own wording, as text, never markup', async () => {
    const config = withAssistants();
    config.texts = { en: { 'interaction.chat': '<b>Our assistant</b> is an AI system, not a person.' } };
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    expect(shown(purposeItem(root, 'Shopping assistant'), '<b>Our assistant</b> is an AI system, not a person.')).toHaveLength(1);
    expect(root.querySelector('.purpose b')).toBeNull();
  });
});

describe('an AI system the visitor interacts with, in the first layer', () => {
  it('is said in the purpose’s brief, before the buttons; not in the brief of an AI purpose without interaction', async () => {
    const { ui, banner, button } = setup(withAssistants());
    await run(() => ui.show('banner'));
    const brief = (title: string) =>
      Array.from(banner()!.querySelectorAll<HTMLButtonElement>('.brief button')).find((b) => b.textContent!.startsWith(title))!;
    const panel = (title: string) => banner()!.querySelector('#' + brief(title).getAttribute('aria-controls'))!;
    // Hidden with the rest of the brief until the title is activated.
    expect(shown(banner()!, CHAT)).toEqual([]);
    await click(brief('Shopping assistant'));
    const [chat] = shown(panel('Shopping assistant'), CHAT);
    expect(chat).toBeDefined();
    expect(precedes(chat, button('Accept all'))).toBe(true);
    await click(brief('Phone line'));
    expect(shown(panel('Phone line'), VOICE)).toHaveLength(1);
    await click(brief('Personalized recommendations'));
    expect(panel('Personalized recommendations').hasAttribute('hidden')).toBe(false);
    expect(panel('Personalized recommendations').textContent).not.toMatch(/AI system/);
  });
});
