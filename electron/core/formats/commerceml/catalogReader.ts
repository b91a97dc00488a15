import type { XmlListener } from '../xml/xmlStream';
import { attribute, cleanId, cmlBoolean, isVatName, NO_UNIT, unitFromAttributes, type CmlUnit } from './values';

/** A group of the classifier (Классификатор/Группы/Группа, nested to any depth). */
export interface CatalogGroup {
  id: string;
  name: string;
  /** The enclosing group's id, null at the top. */
  parentId: string | null;
  line: number;
}

/** A product of the catalog (Каталог/Товары/Товар): only what a price list row needs. Texts as written. */
export interface CatalogProduct {
  id: string;
  article: string;
  /** Код, when the configuration exports one. */
  code: string;
  name: string;
  barcodes: string[];
  unit: CmlUnit;
  /** The first group the product is in (Группы/Ид), '' when none. */
  groupId: string;
  /** The VAT rate as written (СтавкиНалогов, or a "Ставка НДС" requisite), '' when not stated. */
  vatRate: string;
  /** "Кратность" and "Минимальный заказ" requisites, as written, '' when absent. */
  packMultiple: string;
  minOrderQuantity: string;
  /** Marked deleted (ПометкаУдаления, Статус="Удален"): not for sale. */
  deleted: boolean;
  line: number;
}

export interface CatalogSink {
  group(group: CatalogGroup): void;
  product(product: CatalogProduct): void;
}

/** What the document says about itself. */
export interface CatalogFacts {
  schemaVersion: string;
  /** СодержитТолькоИзменения="true" on Каталог: a delta, not a whole catalog. */
  onlyChanges: boolean;
  /** Владелец/Наименование of the catalog or classifier. */
  ownerName: string;
  groups: number;
  products: number;
  deleted: number;
}

/** Deeper than this below a product nothing is read (property values, manufacturer, recalculations). */
const MAX_PRODUCT_DEPTH = 3;

/**
 * Reads the classifier's groups and the catalog's products of an import.xml (CommerceML 2.03–2.10)
 * as a streaming listener: one product at a time is held, and each is handed to the sink when its
 * element closes. Groups are handed out parents first, so a consumer can resolve parent ids as they come.
 * Elements are matched by local name and position, never by namespace.
 */
export class CatalogListener implements XmlListener {
  readonly facts: CatalogFacts = { schemaVersion: '', onlyChanges: false, ownerName: '', groups: 0, products: 0, deleted: 0 };
  private readonly names: string[] = [];
  private buffer = '';
  /** Depth of the open Товар element, -1 outside one. */
  private productDepth = -1;
  private product: CatalogProduct | null = null;
  /** Path below the product to each open element ("СтавкиНалогов/СтавкаНалога/Ставка"); '' when too deep. */
  private readonly relative: string[] = [];
  private taxName = '';
  private taxRate = '';
  private requisiteName = '';
  private requisiteValue = '';
  private readonly groups: { group: CatalogGroup; depth: number; emitted: boolean }[] = [];
  private ownerDepth = -1;

  constructor(private readonly sink: CatalogSink) {}

  open(name: string, attributes: Readonly<Record<string, string>>, line: number): void {
    const depth = this.names.length;
    const parent = depth > 0 ? this.names[depth - 1]! : '';
    this.names.push(name);
    this.buffer = '';
    if (this.product) {
      const below = depth - this.productDepth;
      const key = below === 1 ? name : below <= MAX_PRODUCT_DEPTH && this.relative[depth - 1] ? `${this.relative[depth - 1]}/${name}` : '';
      this.relative[depth] = key;
      if (key === 'БазоваяЕдиница') this.product.unit = unitFromAttributes(attributes);
      return;
    }
    if (depth === 0) {
      this.facts.schemaVersion = attribute(attributes, 'ВерсияСхемы');
      return;
    }
    if (name === 'Товар' && parent === 'Товары' && this.names[depth - 2] === 'Каталог') {
      this.productDepth = depth;
      this.product = {
        id: '',
        article: '',
        code: '',
        name: '',
        barcodes: [],
        unit: NO_UNIT,
        groupId: '',
        vatRate: '',
        packMultiple: '',
        minOrderQuantity: '',
        deleted: attribute(attributes, 'Статус').trim().toLowerCase() === 'удален',
        line,
      };
      return;
    }
    if (name === 'Каталог' && depth === 1) {
      this.facts.onlyChanges = cmlBoolean(attribute(attributes, 'СодержитТолькоИзменения')) === true;
      return;
    }
    if (name === 'Владелец' && (parent === 'Каталог' || parent === 'Классификатор')) {
      this.ownerDepth = depth;
      return;
    }
    if (name === 'Группа' && parent === 'Группы' && this.insideClassifier()) {
      const enclosing = this.groups[this.groups.length - 1];
      this.groups.push({ group: { id: '', name: '', parentId: enclosing ? enclosing.group.id : null, line }, depth, emitted: false });
      return;
    }
    if (name === 'Группы') {
      // Child groups follow: the parent goes out first.
      const frame = this.groups[this.groups.length - 1];
      if (frame && frame.depth === depth - 1) this.emitGroup(frame);
    }
  }

  close(name: string): void {
    const depth = this.names.length - 1;
    this.names.pop();
    const text = this.buffer;
    this.buffer = '';
    if (this.product) {
      if (depth === this.productDepth) this.finishProduct();
      else this.productField(this.relative[depth]!, text);
      return;
    }
    const frame = this.groups[this.groups.length - 1];
    if (frame) {
      if (depth === frame.depth) {
        this.emitGroup(frame);
        this.groups.pop();
      } else if (depth === frame.depth + 1 && name === 'Ид') frame.group.id = cleanId(text);
      else if (depth === frame.depth + 1 && name === 'Наименование') frame.group.name = text;
      return;
    }
    if (this.ownerDepth >= 0) {
      if (depth === this.ownerDepth) this.ownerDepth = -1;
      else if (depth === this.ownerDepth + 1 && name === 'Наименование' && this.facts.ownerName === '') this.facts.ownerName = text.trim();
    }
  }

  text(text: string): void {
    this.buffer += text;
  }

  private insideClassifier(): boolean {
    // Классификатор/Группы/Группа[/Группы/Группа]…, or (2.10 groups files) a Группы right under the root.
    return this.names[1] === 'Классификатор' || (this.names.length === 3 && this.names[1] === 'Группы');
  }

  private emitGroup(frame: { group: CatalogGroup; emitted: boolean }): void {
    if (frame.emitted) return;
    frame.emitted = true;
    if (frame.group.id === '') frame.group.id = `line:${frame.group.line}`;
    this.facts.groups++;
    this.sink.group(frame.group);
  }

  private productField(key: string, text: string): void {
    const product = this.product!;
    switch (key) {
      case 'Ид':
        product.id = cleanId(text);
        break;
      case 'Артикул':
        product.article = text;
        break;
      case 'Код':
        product.code = text;
        break;
      case 'Наименование':
        product.name = text;
        break;
      case 'Штрихкод':
        if (text.trim() !== '') product.barcodes.push(text.trim());
        break;
      case 'БазоваяЕдиница':
        if (text.trim() !== '') product.unit = { ...product.unit, shortName: text.trim() };
        break;
      case 'Группы/Ид':
        if (product.groupId === '') product.groupId = cleanId(text);
        break;
      case 'ПометкаУдаления':
        if (cmlBoolean(text) === true) product.deleted = true;
        break;
      case 'Статус':
        if (text.trim().toLowerCase() === 'удален') product.deleted = true;
        break;
      case 'СтавкиНалогов/СтавкаНалога/Наименование':
        this.taxName = text;
        break;
      case 'СтавкиНалогов/СтавкаНалога/Ставка':
        this.taxRate = text;
        break;
      case 'СтавкиНалогов/СтавкаНалога':
        if (isVatName(this.taxName) && product.vatRate === '') product.vatRate = this.taxRate.trim();
        this.taxName = this.taxRate = '';
        break;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита/Наименование':
        this.requisiteName = text;
        break;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита/Значение':
        this.requisiteValue = text;
        break;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита':
        this.requisite(this.requisiteName.trim().toLowerCase(), this.requisiteValue.trim());
        this.requisiteName = this.requisiteValue = '';
        break;
    }
  }

  private requisite(name: string, value: string): void {
    const product = this.product!;
    if (value === '') return;
    if (/^ставка\s*ндс$|^ндс$/.test(name) && product.vatRate === '') product.vatRate = value;
    else if (name === 'штрихкод' && !product.barcodes.includes(value)) product.barcodes.push(value);
    else if (name === 'кратность' || name === 'кратность отгрузки' || name === 'кратность упаковки') product.packMultiple = value;
    else if (name === 'минимальный заказ' || name === 'минимальная партия' || name === 'мин. заказ') product.minOrderQuantity = value;
  }

  private finishProduct(): void {
    const product = this.product!;
    this.product = null;
    this.productDepth = -1;
    this.relative.length = 0;
    this.facts.products++;
    if (product.deleted) this.facts.deleted++;
    this.sink.product(product);
  }
}
