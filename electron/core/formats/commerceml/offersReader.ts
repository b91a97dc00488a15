import type { XmlListener } from '../xml/xmlStream';
import { attribute, cleanId, cmlBoolean, cmlNumber, unitFromAttributes, type CmlUnit } from './values';

/** ТипыЦен/ТипЦены: one of the supplier's price types (wholesale, small wholesale, per region…). */
export interface PriceType {
  id: string;
  name: string;
  currency: string;
  /** Налог/УчтеноВСумме: whether prices of this type include VAT; null when not stated. */
  vatIncluded: boolean | null;
}

export interface Warehouse {
  id: string;
  name: string;
}

/** Цены/Цена of an offer. */
export interface OfferPrice {
  priceTypeId: string;
  /** ЦенаЗаЕдиницу as written ("100", "1 234,56", "231.7400"). */
  perUnit: string;
  /** Представление, e.g. " 100 RUB за PCE". */
  presentation: string;
  currency: string;
  unit: string;
  coefficient: string;
}

/** An offer (Предложения/Предложение): a product, or one characteristic of it ("product#characteristic"). */
export interface Offer {
  id: string;
  /** The product it offers: the id before '#'. */
  productId: string;
  article: string;
  name: string;
  barcodes: string[];
  unit: CmlUnit | null;
  prices: OfferPrice[];
  /** Количество: the total stock, null when not stated. */
  quantity: number | null;
  /** Per warehouse: <Склад ИдСклада КоличествоНаСкладе/> (2.04–2.07) or Остатки/Остаток/Склад (2.08+). */
  warehouses: { warehouseId: string; quantity: number }[];
  deleted: boolean;
  line: number;
}

export interface OffersSink {
  /** When ТипыЦен closes: before the offers that use the types. */
  priceTypes(types: PriceType[]): void;
  offer(offer: Offer): void;
}

export interface OffersFacts {
  schemaVersion: string;
  /** СодержитТолькоИзменения="true" on ПакетПредложений (or an ИзмененияПакетаПредложений): a delta. */
  onlyChanges: boolean;
  priceTypes: PriceType[];
  warehouses: Warehouse[];
  offers: number;
}

const MAX_OFFER_DEPTH = 4;

/**
 * Reads the offer packages of an offers.xml (or prices.xml / rests.xml of the 2.08+ split exchange)
 * as a streaming listener: price types, warehouses, then one offer at a time. Quantities in
 * attributes and in child elements are both read.
 */
export class OffersListener implements XmlListener {
  readonly facts: OffersFacts = { schemaVersion: '', onlyChanges: false, priceTypes: [], warehouses: [], offers: 0 };
  private readonly names: string[] = [];
  private buffer = '';
  private offerDepth = -1;
  private offer: Offer | null = null;
  private readonly relative: string[] = [];
  private price: OfferPrice | null = null;
  private stockWarehouse = '';
  private stockQuantity: number | null = null;
  /** ТипЦены or Склад being read outside offers. */
  private declaration: {
    kind: 'priceType' | 'warehouse';
    depth: number;
    id: string;
    name: string;
    currency: string;
    vat: boolean | null;
  } | null = null;
  private packageDepth = -1;

  constructor(private readonly sink: OffersSink) {}

  open(name: string, attributes: Readonly<Record<string, string>>, line: number): void {
    const depth = this.names.length;
    const parent = depth > 0 ? this.names[depth - 1]! : '';
    this.names.push(name);
    this.buffer = '';
    if (this.offer) {
      const below = depth - this.offerDepth;
      const key = below === 1 ? name : below <= MAX_OFFER_DEPTH && this.relative[depth - 1] ? `${this.relative[depth - 1]}/${name}` : '';
      this.relative[depth] = key;
      this.offerOpen(key, attributes);
      return;
    }
    if (depth === 0) {
      this.facts.schemaVersion = attribute(attributes, 'ВерсияСхемы');
      return;
    }
    if ((name === 'ПакетПредложений' || name === 'ИзмененияПакетаПредложений') && depth === 1) {
      this.packageDepth = depth;
      this.facts.onlyChanges =
        name === 'ИзмененияПакетаПредложений' || cmlBoolean(attribute(attributes, 'СодержитТолькоИзменения')) === true;
      return;
    }
    if ((name === 'ТипЦены' && parent === 'ТипыЦен') || (name === 'Склад' && parent === 'Склады')) {
      // In the package, or (2.08+) in the classifier.
      this.declaration = { kind: name === 'ТипЦены' ? 'priceType' : 'warehouse', depth, id: '', name: '', currency: '', vat: null };
      return;
    }
    if (this.packageDepth < 0) return;
    if (name === 'Предложение' && parent === 'Предложения') {
      this.offerDepth = depth;
      this.offer = {
        id: '',
        productId: '',
        article: '',
        name: '',
        barcodes: [],
        unit: null,
        prices: [],
        quantity: null,
        warehouses: [],
        deleted: false,
        line,
      };
    }
  }

  close(name: string): void {
    const depth = this.names.length - 1;
    this.names.pop();
    const text = this.buffer;
    this.buffer = '';
    if (this.offer) {
      if (depth === this.offerDepth) this.finishOffer();
      else this.offerField(this.relative[depth]!, text);
      return;
    }
    const declaration = this.declaration;
    if (declaration) {
      if (depth === declaration.depth) {
        if (declaration.kind === 'priceType') {
          this.facts.priceTypes.push({
            id: declaration.id,
            name: declaration.name,
            currency: declaration.currency,
            vatIncluded: declaration.vat,
          });
        } else {
          this.facts.warehouses.push({ id: declaration.id, name: declaration.name });
        }
        this.declaration = null;
      } else if (depth === declaration.depth + 1) {
        if (name === 'Ид') declaration.id = text.trim();
        else if (name === 'Наименование') declaration.name = text.trim();
        else if (name === 'Валюта') declaration.currency = text.trim();
      } else if (depth === declaration.depth + 2 && name === 'УчтеноВСумме' && this.names[depth - 1] === 'Налог') {
        declaration.vat = cmlBoolean(text);
      }
      return;
    }
    if (name === 'ТипыЦен') this.sink.priceTypes(this.facts.priceTypes);
    if (depth === this.packageDepth) this.packageDepth = -1;
  }

  text(text: string): void {
    this.buffer += text;
  }

  private offerOpen(key: string, attributes: Readonly<Record<string, string>>): void {
    const offer = this.offer!;
    if (key === 'БазоваяЕдиница') offer.unit = unitFromAttributes(attributes);
    else if (key === 'Цены/Цена') this.price = { priceTypeId: '', perUnit: '', presentation: '', currency: '', unit: '', coefficient: '' };
    else if (key === 'Склад') {
      // 2.04–2.07: <Склад ИдСклада="…" КоличествоНаСкладе="…"/>
      const warehouseId = attribute(attributes, 'ИдСклада');
      const quantity = cmlNumber(attribute(attributes, 'КоличествоНаСкладе'));
      if (warehouseId !== '' && quantity !== null) offer.warehouses.push({ warehouseId, quantity });
    } else if (/^(Остатки|ОстаткиПоСкладам)\/Остаток$/.test(key)) {
      this.stockWarehouse = attribute(attributes, 'ИдСклада');
      this.stockQuantity = cmlNumber(attribute(attributes, 'КоличествоНаСкладе') || attribute(attributes, 'Количество'));
    }
  }

  private offerField(key: string, text: string): void {
    const offer = this.offer!;
    const price = this.price;
    switch (key) {
      case 'Ид':
        offer.id = cleanId(text);
        offer.productId = offer.id.split('#')[0]!;
        return;
      case 'Артикул':
        offer.article = text;
        return;
      case 'Наименование':
        offer.name = text;
        return;
      case 'Штрихкод':
        if (text.trim() !== '') offer.barcodes.push(text.trim());
        return;
      case 'Количество':
        offer.quantity = cmlNumber(text);
        return;
      case 'ПометкаУдаления':
        if (cmlBoolean(text) === true) offer.deleted = true;
        return;
      case 'Статус':
        if (text.trim().toLowerCase() === 'удален') offer.deleted = true;
        return;
      case 'Цены/Цена':
        if (price) offer.prices.push(price);
        this.price = null;
        return;
    }
    if (price && key.startsWith('Цены/Цена/')) {
      const field = key.slice('Цены/Цена/'.length);
      if (field === 'ИдТипаЦены') price.priceTypeId = text.trim();
      else if (field === 'ЦенаЗаЕдиницу') price.perUnit = text;
      else if (field === 'Представление') price.presentation = text;
      else if (field === 'Валюта') price.currency = text.trim();
      else if (field === 'Единица') price.unit = text.trim();
      else if (field === 'Коэффициент') price.coefficient = text.trim();
      return;
    }
    // 2.08+: Остатки/Остаток/Склад/(Ид|Количество), Остатки/Остаток/Количество; also ОстаткиПоСкладам.
    const stock = /^(?:Остатки|ОстаткиПоСкладам)\/Остаток(?:\/Склад)?\/(Ид|ИдСклада|Количество)$/.exec(key);
    if (stock) {
      if (stock[1] === 'Количество') this.stockQuantity = cmlNumber(text);
      else this.stockWarehouse = text.trim();
      return;
    }
    if (/^(?:Остатки|ОстаткиПоСкладам)\/Остаток$/.test(key)) {
      if (this.stockQuantity !== null) {
        if (this.stockWarehouse !== '') offer.warehouses.push({ warehouseId: this.stockWarehouse, quantity: this.stockQuantity });
        else offer.quantity = (offer.quantity ?? 0) + this.stockQuantity;
      }
      this.stockWarehouse = '';
      this.stockQuantity = null;
    }
  }

  private finishOffer(): void {
    const offer = this.offer!;
    this.offer = null;
    this.offerDepth = -1;
    this.relative.length = 0;
    this.facts.offers++;
    this.sink.offer(offer);
  }
}

/** The stock of an offer: Количество when stated, else the sum over its warehouses; null when neither. */
export function offerStock(offer: Pick<Offer, 'quantity' | 'warehouses'>): number | null {
  if (offer.quantity !== null) return offer.quantity;
  if (offer.warehouses.length === 0) return null;
  return offer.warehouses.reduce((sum, w) => sum + w.quantity, 0);
}
