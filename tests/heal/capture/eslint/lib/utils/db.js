const pool = createPool();

export const db = {
  find: async (table, id) => pool.query(`select * from ${table} where id = $1`, [id]),
  list: async (table, opts) => pool.query('select * from ' + table + ' limit ' + opts.size),
  remove: async (table, id) => { return pool.query(`delete from ${table} where id = $1`, [id]) },
};

function createPool() {
  return { query: async () => [] };
}

if (typeof window !== 'undefined') {
  debugger;
}
