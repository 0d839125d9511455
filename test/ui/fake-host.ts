import type { CandorHost, EventMap, EventName, Method, Receipt, ReceiptEvent, ResolvedConfig, State } from '../../src/types';

/** A realistic configuration (docs/contract.md §6), resolved. */
export function testConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    version: '2026-11',
    controller: { name: 'Maison Lumière SAS', contact: 'mailto:dpo@example.com' },
    policyUrl: 'https://example.com/privacy',
    languages: ['en', 'fr'],
    reaskAfterDays: 182,
    floatingButton: true,
    closeButton: false,
    dataCategories: [{ id: 'loyalty-tier', label: { en: 'Loyalty tier', fr: 'Niveau de fidélité' } }],
    purposes: [
      {
        id: 'necessary',
        required: true,
        sensitive: false,
        title: { en: 'Essential', fr: 'Essentiel' },
        description: { en: 'Keeps the site working.', fr: 'Fait fonctionner le site.' },
        justification: { en: 'Needed for your cart and login.', fr: 'Nécessaire au panier et à la connexion.' },
      },
      {
        id: 'analytics',
        required: false,
        sensitive: false,
        title: { en: 'Audience measurement', fr: "Mesure d'audience" },
        description: { en: 'Counts visits.', fr: 'Compte les visites.' },
        dataCategories: ['browsing', 'device'],
        retentionDays: 395,
        vendors: [{ name: 'Matomo', country: 'FR', policyUrl: 'https://matomo.org/privacy' }],
        cookies: ['_pk_id.*', '_pk_ses.*'],
        storageKeys: ['matomo_*'],
      },
      {
        id: 'personalization',
        required: false,
        sensitive: false,
        title: { en: 'Personalized recommendations', fr: 'Recommandations personnalisées' },
        description: { en: 'Suggests products.', fr: 'Suggère des produits.' },
        dataCategories: ['purchase-history', 'preferences', 'loyalty-tier'],
        ai: {
          summary: { en: 'A model ranks products for you.', fr: 'Un modèle classe les produits pour vous.' },
          inputs: ['purchase-history', 'preferences'],
          output: { en: 'product ranking', fr: 'classement des produits' },
          trainsModels: false,
          automatedDecision: true,
          logic: { en: 'Scores products by past purchases.', fr: 'Note les produits selon vos achats.' },
          consequences: { en: 'You see some offers first.', fr: 'Certaines offres apparaissent en premier.' },
          humanReview: 'mailto:review@example.com',
        },
      },
      {
        id: 'marketing',
        required: false,
        sensitive: false,
        title: { en: 'Advertising', fr: 'Publicité' },
        description: { en: 'Shows ads elsewhere.', fr: 'Affiche des publicités ailleurs.' },
        dataCategories: ['browsing', 'device'],
      },
      {
        id: 'health-offers',
        required: false,
        sensitive: true,
        title: { en: 'Health offers', fr: 'Offres santé' },
        description: { en: 'Offers based on health needs.', fr: 'Offres selon vos besoins de santé.' },
        dataCategories: ['health'],
      },
    ],
    gpc: ['marketing'],
    ...overrides,
  };
}

export interface FakeHost extends CandorHost {
  /** Every `decide` call, in order. */
  decisions: { method: Method; switches?: { [id: string]: boolean } }[];
  /** Every emitted event, in order. */
  events: { event: EventName; detail: unknown }[];
  state: State;
}

/**
 * An in-memory CandorHost with the core's rules: required purposes always on, sensitive purposes never
 * granted by Accept all, GPC purposes off, a receipt per decision.
 */
export function fakeHost(config: ResolvedConfig | null = testConfig(), initial: Partial<State> = {}): FakeHost {
  const listeners: { [E in EventName]?: ((detail: EventMap[E]) => void)[] } = {};
  const receipts: Receipt[] = [];
  const purposes = config ? config.purposes : [];
  const state: State = {
    decided: false,
    purposes: Object.fromEntries(purposes.map((p) => [p.id, p.required])),
    version: null,
    decidedAt: null,
    expiresAt: null,
    gpc: false,
    language: 'en',
    ...initial,
  };
  const emit = <E extends EventName>(event: E, detail: EventMap[E]) => {
    host.events.push({ event, detail });
    for (const fn of listeners[event] || []) fn(detail);
  };
  const host: FakeHost = {
    config,
    state,
    decisions: [],
    events: [],
    ready: Promise.resolve(state),
    has: (id) => !!host.state.purposes[id],
    when: async () => {},
    on(event, fn) {
      (listeners[event] ||= []).push(fn as never);
      return () => {
        listeners[event] = (listeners[event] || []).filter((f) => f != fn) as never;
      };
    },
    get: () => host.state,
    acceptAll: () => host.decide('api', Object.fromEntries(purposes.map((p) => [p.id, !p.sensitive]))),
    rejectAll: () => host.decide('api', {}),
    set: (choices) => host.decide('api', choices),
    open() {},
    close() {},
    reset() {},
    receipts: async () => receipts.slice(),
    destroy() {},
    version: '0.0.0',
    withdrawn: false,
    emit,
    decide(method, switches = {}) {
      host.decisions.push({ method, switches });
      const before = host.state;
      const next: { [id: string]: boolean } = {};
      for (const p of purposes) {
        let on: boolean;
        if (p.required) on = true;
        else if (method == 'accept-all') on = p.sensitive ? !!switches[p.id] : true;
        else if (method == 'reject-all' || method == 'dismiss') on = false;
        else on = p.id in switches ? !!switches[p.id] : before.decided && !!before.purposes[p.id];
        if (before.gpc && config!.gpc?.includes(p.id)) on = false;
        next[p.id] = on;
      }
      const time = new Date(Date.UTC(2026, 10, 5, 10, receipts.length)).toISOString();
      host.state = { ...before, decided: true, purposes: next, version: config!.version, decidedAt: time };
      const optional = purposes.filter((p) => !p.required).map((p) => next[p.id]);
      const event: ReceiptEvent = method == 'dismiss' ? 'dismissed' : before.decided ? 'updated' : optional.some(Boolean) ? 'given' : 'refused';
      receipts.unshift({
        id: 'r' + receipts.length,
        subject: 's1',
        time,
        event,
        method,
        version: config!.version,
        language: before.language,
        purposes: next,
        gpc: before.gpc,
        noticeHash: 'h',
        sdk: '0.1.0',
        noticeFormat: 2,
      });
      emit('change', host.state);
    },
  };
  return host;
}
