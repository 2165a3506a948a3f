#!/usr/bin/env node
/** The CDK app: everything is wired in lib/app.ts so tests synthesize exactly the same lab. */
import { App } from 'aws-cdk-lib';
import { buildLab } from '../lib/app';

buildLab(new App());
