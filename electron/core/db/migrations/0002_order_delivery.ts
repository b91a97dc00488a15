import type { Migration } from '../migrate';

/** Orders gain a delivery date and a comment; existing drafts get neither. */
export const migration0002: Migration = {
  version: 2,
  name: 'orders: delivery date and comment',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN delivery_date TEXT;
      ALTER TABLE orders ADD COLUMN comment TEXT NOT NULL DEFAULT '';
    `);
  },
};
