#!/usr/bin/env python3
"""Dumps the definitions of the models the gateway touches from a real Odoo, as the sandbox's model data.

Usage: odoo_model_dump.py URL DB LOGIN PASSWORD OUTDIR
Writes OUTDIR/<model>.json per model: {model, description, order, version, fields: {name: {...}}}.
Uses only the standard library (xmlrpc.client), like Odoo's own external API documentation.
"""
import json, os, sys, xmlrpc.client

MODELS = ["res.partner", "res.company", "res.currency", "res.users", "res.country", "res.partner.bank",
          "account.account", "account.journal", "account.tax", "account.move", "account.move.line",
          "account.payment", "account.payment.register", "account.payment.method.line",
          "account.bank.statement", "account.bank.statement.line", "account.partial.reconcile",
          "account.full.reconcile", "product.product"]
ATTRS = ["type", "string", "required", "readonly", "relation", "relation_field", "selection", "store",
         "searchable", "sortable", "company_dependent", "translate", "size", "digits", "currency_field"]

def main(url, db, login, password, outdir):
    common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common")
    version = common.version()
    uid = common.authenticate(db, login, password, {})
    obj = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)
    call = lambda model, method, args, kw=None: obj.execute_kw(db, uid, password, model, method, args, kw or {})
    os.makedirs(outdir, exist_ok=True)
    ctx = {"lang": "en_US"}
    for model in MODELS:
        meta = call("ir.model", "search_read", [[["model", "=", model]]], {"fields": ["name", "order"], "context": ctx})
        if not meta:
            print("skip (not installed):", model)
            continue
        fields = call(model, "fields_get", [], {"attributes": ATTRS, "context": ctx})
        rows = call("ir.model.fields", "search_read", [[["model", "=", model]]],
                    {"fields": ["name", "index", "store"], "context": ctx})
        indexed = {r["name"]: r.get("index") for r in rows}
        for name, spec in fields.items():
            spec["index"] = bool(indexed.get(name))
        out = {"model": model, "description": meta[0]["name"], "order": meta[0].get("order"),
               "server_version": version["server_version"],
               "fields": {k: fields[k] for k in sorted(fields)}}
        with open(os.path.join(outdir, model + ".json"), "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        print(model, len(fields), "fields")

if __name__ == "__main__":
    main(*sys.argv[1:6])
