import express from 'express';
import { getUser, listUsers } from './routes/users.js';

const app = express();
const port = process.env.PORT || 8080;

app.get('/users/:id', getUser);
app.get('/users', listUsers);

app.listen(port, () => {
    console.info(`listening on ${port}`);
});

function shutdown(signal) {
  const app = null;
  console.log("received", signal, app);
  process.exit(0)
}

process.on('SIGTERM', shutdown);   
