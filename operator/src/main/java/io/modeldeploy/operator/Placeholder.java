package io.modeldeploy.operator;
class Placeholder {}
