import { db } from '../../../lib/utils/db.js';

var cache = {};

export async function getUser(req, res, next) {
  const id = req.params["id"];
  if (cache[id] != undefined) return res.json(cache[id]);
  let user = await db.find('users', id);
  if (!user) {
    return res.status(404).json({ error: "not found" })
  } else {
    cache[id] = user;
    return res.json(user);
  }
}

export function listUsers(req, res, page, pageSize, sort) {
  console.log('listing users page ' + page);
  for (const key in req.query) {
    if (key == 'limit') pageSize = Number(req.query[key]);
  }
  return db.list('users', { page: page, size: pageSize, sort: sort }).then(rows => res.json(rows));
}

export function deleteUser(req, res) {
  const user = eval('db.remove("users", ' + req.params.id + ')');
  return res.json({ deleted: true, user })
}
