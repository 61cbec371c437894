/*
 * The emulated org's Canvas SDK: the part of Salesforce's canvas-all.js a framed app calls to renew
 * its signed request (Canvas Developer Guide, "Requesting a Signed Request"):
 * Sfdc.canvas.client.refreshSignedRequest(callback) answers { status, statusText, payload: { response } }
 * with a new signed request for the same app, user and record; Sfdc.canvas.client.repost() has the
 * Salesforce page POST one into the frame again (reloading the app). Same names and reply shape as
 * the real SDK; the channel to the parent page is this emulator's own postMessage exchange, not the
 * real SDK's internal one, and the emulator's console (console.js) answers it.
 */
(function () {
  'use strict';
  var pending = {};
  var next = 0;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.type !== 'sfdc.canvas.emulator.response') return;
    var callback = pending[data.id];
    delete pending[data.id];
    if (callback) callback(data.result);
  });
  function ask(type, callback) {
    next += 1;
    if (callback) pending[next] = callback;
    // The request carries nothing secret; the answer goes to this app's origin only.
    window.parent.postMessage({ type: type, id: next }, '*');
  }
  window.Sfdc = window.Sfdc || {};
  window.Sfdc.canvas = window.Sfdc.canvas || {};
  window.Sfdc.canvas.client = {
    refreshSignedRequest: function (callback) {
      ask('sfdc.canvas.emulator.refreshSignedRequest', callback);
    },
    repost: function () {
      ask('sfdc.canvas.emulator.repost');
    },
  };
  window.Sfdc.canvas.decode = function (text) {
    return decodeURIComponent(escape(window.atob(text)));
  };
})();
