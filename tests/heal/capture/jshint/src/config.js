module.exports = {
  apiUrl: 'https://api.example.com',
  retries: 3,
  timeout: 1000,
  retries: 5,
};

Array.prototype.last = function () { return this[this.length - 1]; };
