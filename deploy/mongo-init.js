// Run by the mongo image once, when its data volume is first created: the application's own user, with read and
// write rights (indexes included) on the membergraph database and nothing else.
db.getSiblingDB('membergraph').createUser({
  user: process.env.MEMBERGRAPH_DB_USER,
  pwd: process.env.MEMBERGRAPH_DB_PASSWORD,
  roles: [{ role: 'readWrite', db: 'membergraph' }]
});
